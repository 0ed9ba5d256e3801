/**
 * Function words left out when statements are matched against claims, per language (folded:
 * lowercase, no accents). Reporting verbs are here too: every quotation has one, so they say
 * nothing about which claim it is about.
 */
export const STOP_WORDS: Record<string, string> = {
  en:
    'a an the and or but if of to in on at by for with from into onto over under about as is are was were be been being has have had do does did ' +
    "this that these those it its it's he she they them his her their we us our you your i me my not no nor so than then there here what which who whom " +
    'whose when where why how all any some each other such only own same very can will would shall should may might must could also just said says say ' +
    'told tell according while after before during since until again further once more most much many both few up down out off against between through',
  es:
    'el la los las un una unos unas y o u pero si de del al a en con por para sin sobre entre hasta desde ante tras es son fue fueron ser ha han habia ' +
    'haber este esta estos estas ese esa esos esas lo le les se su sus nos nuestro nuestra que quien cual cuando donde como mas muy ya tambien no ni ' +
    'dijo dice segun afirmo',
};
