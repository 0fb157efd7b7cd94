// The held-back check: a SQLite file the test generates with the cases a merge gets wrong —
// equal timestamps across symbols, gaps, rows stored out of order, a symbol with no rows on one
// day, rows on a market holiday, a half day (close 13:00) and rows outside regular hours — is
// replayed through db= and must equal one ORDER BY of the same file under the documented rule.
import initSqlJs from 'sql.js';
import { seededRandom } from '../../src/core/stats';
import { expect, test } from './fixtures';
import { expectedOverSessions } from '../../src/testing/expected-export';
import { readFileSync } from 'node:fs';

const MINUTE = 60_000;
// Regular sessions, written out here (EST, UTC−5): Thanksgiving week of 2013.
const SESSIONS: [number, number][] = [
  [Date.parse('2013-11-26T14:30:00Z'), Date.parse('2013-11-26T21:00:00Z')],
  [Date.parse('2013-11-27T14:30:00Z'), Date.parse('2013-11-27T21:00:00Z')],
  // 2013-11-28 is Thanksgiving: closed. 2013-11-29 closes early, at 13:00 New York.
  [Date.parse('2013-11-29T14:30:00Z'), Date.parse('2013-11-29T18:00:00Z')],
];

test('an edge-case file replays exactly as an ORDER BY of it under the documented tie-break', async ({ page }) => {
  const random = seededRandom(424242);
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec('CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER, interval TEXT)');
  const rows: (string | number | null)[][] = [];
  const days = ['2013-11-26', '2013-11-27', '2013-11-28', '2013-11-29'];
  for (const symbol of ['AAA', 'BBB', 'CCC', 'ddd']) {
    for (const day of days) {
      if (symbol === 'CCC' && day === '2013-11-27') continue; // no rows at all that day
      const midnight = Date.parse(`${day}T05:00:00Z`);
      // 07:00 to 17:00 New York: pre-market and after-hours rows too, and every minute of a half day.
      for (let t = midnight + 7 * 60 * MINUTE; t < midnight + 17 * 60 * MINUTE; t += MINUTE) {
        if (random() < 0.15) continue; // a gap: no trade that minute
        const price = Math.round((10 + random() * 5) * 100) / 100;
        const move = Math.round(random() * 50) / 100;
        rows.push([symbol, t, price, price + move, price - move, price + move / 2, 100 + Math.floor(random() * 900), random() < 0.5 ? '1m' : null]);
      }
    }
  }
  // Stored out of order.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  for (const row of rows) db.run('INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, ?)', row);
  const bytes = db.export();
  db.close();

  const expected = await expectedOverSessions(bytes, ['AAA', 'BBB', 'CCC', 'DDD'], SESSIONS);
  const lines = expected.trim().split('\n').length - 1;
  expect(lines).toBeGreaterThan(3000);
  await page.route('**/test-data/held-back.sqlite', (route) => route.fulfill({ body: Buffer.from(bytes), contentType: 'application/vnd.sqlite3' }));
  await page.goto('./?db=test-data/held-back.sqlite&symbols=AAA,BBB,CCC,DDD&from=2013-11-26&to=2013-11-29&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('emitted-count')).toHaveText(String(lines));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(readFileSync(await download.path(), 'utf8')).toBe(expected);
});
