import { readFileSync, readdirSync } from 'node:fs';
import { cleanArticle } from '@arabic-news/cleaner';
for (const f of readdirSync('tests/fixtures/seeds')) {
  const body = readFileSync('tests/fixtures/seeds/'+f,'utf8');
  const r = cleanArticle({ schemaVersion:1, id:'0123456789abcdef', source:'seeds', contentType:'text/plain', body, fetchedAt: new Date().toISOString() });
  if (r.kind!=='ok') { console.log(f, r); continue; }
  const a = r.outputs[0]!.value as any;
  console.log(f, '|', a.title, '|', a.publishedAt, a.dateline, a.agency, '|', a.text.slice(0,80).replace(/\n/g,' / '), '...', a.text.slice(-60).replace(/\n/g,' / '));
}
