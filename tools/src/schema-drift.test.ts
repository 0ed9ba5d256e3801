import 'reflect-metadata';
import { schemaDrift } from './schema-gen';

// schema/ is generated from the code and committed; routers and clients read it. If this fails,
// run `npm run schema` and commit the result.
test('schema/ matches what the code generates', async () => {
  expect(await schemaDrift()).toEqual([]);
}, 60_000);
