// autocannon ships no types and @types/autocannon is not installed: the little used here is typed at the call site.
declare module 'autocannon';
