import { extractQuotations } from './extract';
import type { Article, Quotation } from './types';

const find = (article: Article, words: string): Quotation => {
  const q = extractQuotations(article).quotations.find((x) => x.text.includes(words));
  if (!q) throw new Error(`no quotation with ${JSON.stringify(words)} in ${JSON.stringify(extractQuotations(article).quotations.map((x) => x.text))}`);
  return q;
};
const en = (text: string, publishedAt?: string): Article => ({ text, language: 'en', ...(publishedAt ? { publishedAt } : {}) });
const es = (text: string, publishedAt?: string): Article => ({ text, language: 'es', ...(publishedAt ? { publishedAt } : {}) });

describe('direct quotes and their speakers', () => {
  test('an adjacent name, before or after the cue', () => {
    const a = en('“Spain agrees to cooperate,” Leavitt said. “We welcome it,” said Karoline Leavitt.');
    expect(find(a, 'Spain agrees').speaker?.name).toBe('Karoline Leavitt');
    expect(find(a, 'We welcome').speaker?.name).toBe('Karoline Leavitt');
    expect(find(a, 'Spain agrees').form).toBe('DIRECT_QUOTE');
    expect(find(a, 'Spain agrees').cue).toBe('say');
  });

  test('a quote split by its attribution is two quotations by the same speaker', () => {
    const x = extractQuotations(en('Mayor Ana Ruiz spoke at noon. “We tried,” Ruiz said. “We will try again.”'));
    expect(x.quotations.map((q) => [q.text, q.speaker?.name])).toEqual([
      ['We tried', 'Ana Ruiz'],
      ['We will try again.', 'Ana Ruiz'],
    ]);
  });

  test('the speaker before the quote, after a colon', () => {
    expect(find(en('Foreign Minister José Manuel Albares said: “Nothing has changed.”'), 'Nothing').speaker?.name).toBe('José Manuel Albares');
  });

  test('a pronoun resolves to the person named up to two sentences before, by gender', () => {
    const a = en('Karoline Leavitt spoke to reporters. Her remarks came after a meeting with Tom Ruiz. “We are ready,” she said.');
    const q = find(a, 'We are ready');
    expect(q.speaker?.name).toBe('Karoline Leavitt');
    expect(q.speaker?.surface).toBe('she');
  });

  test('a title alone resolves to the person the article gave it', () => {
    const a = en(
      'Spanish Foreign Minister José Manuel Albares spoke on the radio. Later, Pedro Sánchez met unions. “There has been no change,” the minister said.',
    );
    expect(find(a, 'no change').speaker?.name).toBe('José Manuel Albares');
  });

  test('a title + name apposition gives role and organisation', () => {
    const q = find(en('“Spain agrees,” said White House spokeswoman Karoline Leavitt.'), 'Spain agrees');
    expect(q.speaker).toMatchObject({ name: 'Karoline Leavitt', kind: 'PERSON', role: 'spokeswoman', organization: 'White House' });
    const q2 = find(en('Spanish Foreign Minister José Manuel Albares said: “No.” “Never,” he added.'), 'Never');
    expect(q2.speaker).toMatchObject({ name: 'José Manuel Albares', role: 'Foreign Minister', organization: 'Spain' });
  });

  test('the fullest name the article uses, wherever it appears', () => {
    const a = en('“I categorically deny any change,” Albares said. The comments by José Manuel Albares came hours later.');
    expect(find(a, 'categorically').speaker?.name).toBe('José Manuel Albares');
  });

  test('organisations and metonyms are not persons', () => {
    const a = en('“Spain agrees to cooperate,” the White House said. “Nothing has changed at all,” Madrid said in a statement.');
    expect(find(a, 'Spain agrees').speaker).toMatchObject({ name: 'White House', kind: 'ORGANIZATION' });
    expect(find(a, 'Nothing has changed').speaker).toMatchObject({ name: 'Madrid', kind: 'GOVERNMENT' });
  });

  test('the ministry speaks for the ministry the article named', () => {
    const a = en('The Ministry of Foreign Affairs summoned the ambassador. “The claims are false and we reject them,” the ministry said in a statement.');
    const q = find(a, 'claims are false');
    expect(q.speaker?.name).toBe('Ministry of Foreign Affairs');
    expect(q.venue).toBe('statement');
  });

  test('a quote over two paragraphs is one quotation', () => {
    const a = en(
      '“The money belonged to care workers,” the judge said. “You took it anyway.\n\n“The only explanation is greed.”\n\nJudge Helen Marsh sentenced him.',
    );
    const q = find(a, 'You took it anyway');
    expect(q.text).toBe('You took it anyway.\n\n“The only explanation is greed.');
  });

  test('Spanish: a null subject after a named subject', () => {
    const a = es(
      'El ministro José Manuel Albares habló con la Cadena SER. «No ha cambiado nada», afirmó. Añadió que el Gobierno no autorizará el uso de las bases.',
    );
    expect(find(a, 'No ha cambiado').speaker?.name).toBe('José Manuel Albares');
    const r = find(a, 'el Gobierno no autorizará');
    expect(r.form).toBe('INDIRECT_QUOTE');
    expect(r.speaker?.name).toBe('José Manuel Albares');
  });
});

describe('not statements', () => {
  test('a one- or two-word term in marks inside someone’s sentence', () => {
    const x = extractQuotations(en('Leavitt said that Madrid had agreed to “cooperate” with the US armed forces.'));
    expect(x.quotations.map((q) => q.form)).toEqual(['INDIRECT_QUOTE']);
    expect(x.quotations[0].text).toBe('Madrid had agreed to “cooperate” with the US armed forces');
  });

  test('scare quotes after "what X called", "so-called", titles of works', () => {
    const x = extractQuotations(
      en(
        'Iran praised Pedro Sanchez for what Tehran called “responsible behavior.” The so-called "cosy crime" genre is back. Director Lena Fairbrother adapted "The Glass Orchard" for the screen.',
      ),
    );
    expect(x.quotations).toEqual([]);
  });

  test('an article without quotations yields none', () => {
    expect(extractQuotations(en('The coast road was closed on Tuesday after high tides. It reopened at 9pm.')).quotations).toEqual([]);
  });
});

describe('reported speech', () => {
  test.each([
    ['said that', 'Karoline Leavitt said that Spain had agreed to cooperate.', 'Spain had agreed to cooperate', 'say'],
    ['denied that', 'Albares denied that any agreement had been reached.', 'any agreement had been reached', 'deny'],
    ['told X that', 'José Manuel Albares told Cadena SER radio that Spain’s position remains unchanged.', 'Spain’s position remains unchanged', 'tell'],
    ['rejected claims that', 'Minister Ana Ruiz rejected claims that the target had been dropped.', 'the target had been dropped', 'reject'],
    ['zero that', 'Karoline Leavitt said Spain would cooperate with the military.', 'Spain would cooperate with the military', 'say'],
    ['tail', 'The talks will resume next week, Ana Ruiz said on Monday.', 'The talks will resume next week', 'say'],
    ['according to', 'According to Ana Ruiz, the talks will resume next week.', 'the talks will resume next week', 'according to'],
  ])('%s', (_name, text, clause, cue) => {
    const q = find(en(text), clause.slice(0, 12));
    expect(q.form).toBe('INDIRECT_QUOTE');
    expect(q.text).toBe(clause);
    expect(q.cue).toBe(cue);
  });

  test.each([
    ['dijo que', 'Ana Ruiz dijo que el acuerdo está cerca.', 'el acuerdo está cerca', 'say'],
    ['negó que', 'El ministro Luis Pardo negó que haya un pacto.', 'haya un pacto', 'deny'],
    ['según', 'Según Ana Ruiz, el acuerdo está cerca.', 'el acuerdo está cerca', 'according to'],
    ['afirmó + inverted subject', 'Afirmó la alcaldesa Ana Ruiz que el presupuesto está cerrado.', 'el presupuesto está cerrado', 'affirm'],
  ])('Spanish %s', (_name, text, clause, cue) => {
    const q = find(es(text), clause.slice(0, 10));
    expect(q.text).toBe(clause);
    expect(q.cue).toBe(cue);
  });

  test('the reporter’s own clause after a comma is not part of what was said', () => {
    const q = find(en('Leavitt announced that Spain had agreed to cooperate, although she provided no details.'), 'Spain had');
    expect(q.text).toBe('Spain had agreed to cooperate');
  });

  test('"according to a study" names a document, not a speaker', () => {
    expect(extractQuotations(en('Rain contains chemicals above safe levels, according to a study published on Wednesday.')).quotations).toEqual([]);
  });
});

describe('when and where', () => {
  test('"on Tuesday" is the Tuesday before publication', () => {
    // 2026-03-05 is a Thursday
    const q = find(en('Albares said on Tuesday that nothing had changed.', '2026-03-05T09:01:00+02:00'), 'nothing');
    expect(q.saidAt).toBe('2026-03-03');
    expect(find(es('Albares dijo ayer que nada ha cambiado.', '2026-03-05'), 'nada').saidAt).toBe('2026-03-04');
  });

  test('no date is invented when the publication day is unknown', () => {
    expect(find(en('Albares said on Tuesday that nothing had changed.'), 'nothing').saidAt).toBeUndefined();
  });

  test('the venue from the attribution', () => {
    expect(find(en('“Nothing has changed,” Albares told Cadena SER radio.'), 'Nothing').venue).toBe('Cadena SER radio');
    expect(find(en('“Nothing has changed,” Albares said in an interview with El País.'), 'Nothing').venue).toBe('El País');
  });
});

describe('confidence', () => {
  test('lower for a pronoun than for a name, lower for reported speech than for a direct quote', () => {
    const a = en(
      'Karoline Leavitt spoke first. “We are ready to talk today,” Leavitt said. Later she spoke again. “We are still ready to talk,” she said. Leavitt said that talks would start.',
    );
    const named = find(a, 'ready to talk today').confidence;
    const pronoun = find(a, 'still ready').confidence;
    const reported = find(a, 'talks would start').confidence;
    expect(named).toBeGreaterThan(pronoun);
    expect(named).toBeGreaterThan(reported);
    for (const c of [named, pronoun, reported]) expect(c).toBeGreaterThan(0);
    for (const c of [named, pronoun, reported]) expect(c).toBeLessThanOrEqual(1);
  });
});

describe('patterns read in real news', () => {
  test('"following reports that" and "is alleged to have told" report nobody', () => {
    const x = extractQuotations(
      en(
        'The minister drew anger following reports that she had warned of a shutdown. Persaud is alleged to have told the committee that nothing was happening.',
      ),
    );
    expect(x.quotations).toEqual([]);
  });

  test('a quotation opening the paragraph after "X said:" is X’s', () => {
    const a = en('Councillor Grace Pollard said:\n\n“The vote was rushed and residents were ignored.”');
    expect(find(a, 'The vote was rushed').speaker?.name).toBe('Grace Pollard');
  });

  test('a quoted sentence after a sentence about a person with no speech verb is that person’s', () => {
    const a = en('Mila Rask reached the final on Friday. Asked whether she felt like an underdog, Rask smiled. “Of course. That’s the fun part.”');
    expect(find(a, 'Of course').speaker?.name).toBe('Mila Rask');
  });

  test('an irregular past starts a reported clause, a semicolon ends it', () => {
    const q = find(en('Ms Okafor said she drew attention to the risks; the committee disagreed.'), 'she drew');
    expect(q.text).toBe('she drew attention to the risks');
  });

  test('Spanish: a sentence-initial preterite is a verb, not a name', () => {
    const a = es('El portavoz Aníbal Torres habló en la sede. Aludió que la prensa tiene toda la libertad de informar. «No se va a quedar así», sostuvo.');
    expect(find(a, 'No se va a quedar').speaker?.name).toBe('Aníbal Torres');
  });

  test('text wrapped at a fixed width reads as running sentences', () => {
    const a = en(
      'In a statement, a Department of Justice spokeswoman said the\ngovernment was pleased with the decision.\n"Today\'s ruling makes clear that Apple must now cooperate\nwith the monitor," said the spokeswoman, Gina\nTalamona.\nThe appeal goes on.',
    );
    expect(find(a, 'government was pleased').text).toBe('the\ngovernment was pleased with the decision');
    expect(find(a, 'must now cooperate').speaker?.name).toBe('Gina Talamona');
  });

  test('the subject is the phrase a prepositional phrase hangs from', () => {
    expect(find(en('The Court of Appeals in New York said that the monitor may continue his work.'), 'the monitor').speaker?.name).toBe('Court of Appeals');
  });

  test('"according to a court filing" and a dateline are not speakers or speech', () => {
    const x = extractQuotations(en('(Wire) – Orbit has dropped its lawsuit against the regulator, according to a court filing on Monday.'));
    expect(x.quotations).toEqual([]);
  });

  test('names with initials and chained particles', () => {
    expect(find(en('“We will win,” said U.S. President Donald J. Trump.'), 'We will win').speaker).toMatchObject({
      name: 'Donald J. Trump',
      role: 'President',
      organization: 'United States',
    });
    expect(find(en('Ursula von der Leyen said that the talks would go on.'), 'talks').speaker?.name).toBe('Ursula von der Leyen');
    expect(find(es('La consejera María de la Fuente dijo que el plan sigue.'), 'plan').speaker?.name).toBe('María de la Fuente');
  });

  test('the headline repeated at the top of the text is not a quotation', () => {
    const a: Article = {
      language: 'es',
      title: 'Albares niega que España haya aceptado cooperar',
      text: 'Albares niega que España haya aceptado cooperar\n\nEl ministro José Manuel Albares negó que España haya aceptado cooperar con el ataque.',
    };
    expect(extractQuotations(a).quotations.map((q) => q.text)).toEqual(['España haya aceptado cooperar con el ataque']);
  });

  test('"told X" skips the audience, never the clause’s own article', () => {
    expect(find(en('Whitby told the court the money had gone.'), 'money').text).toBe('the money had gone');
    expect(find(en('Callum Reed lives next door. He told LBC News the police searches were "very disconcerting".'), 'police').text).toBe(
      'the police searches were "very disconcerting"',
    );
  });

  test('a group described after its noun, and a Spanish "informar de que"', () => {
    expect(find(en('Two sources familiar with the talks told Example Wire that a deal was close.'), 'deal').speaker).toMatchObject({ name: 'sources' });
    expect(find(es('El Ministerio de Sanidad ha informado en un comunicado de que los casos han bajado.'), 'casos').speaker?.name).toBe(
      'Ministerio de Sanidad',
    );
  });

  test('Spanish "según ha detallado" takes the null subject of its verb', () => {
    const a = es('La ministra Ana Ruiz explicó que la reunión será el jueves. Según ha detallado, el orden del día incluye la reforma fiscal.');
    expect(find(a, 'orden del día').speaker?.name).toBe('Ana Ruiz');
  });

  test('the same speaker going on in the next sentence keeps the venue and the day', () => {
    const a = en(
      'Albares told Cadena SER radio on Wednesday that nothing had changed. “I categorically deny any change,” he said, emphasizing that the bases would not be used.',
      '2026-03-05',
    );
    expect(find(a, 'categorically')).toMatchObject({ venue: 'Cadena SER radio', saidAt: '2026-03-04' });
    expect(find(a, 'bases would not').venue).toBe('Cadena SER radio');
  });
});
