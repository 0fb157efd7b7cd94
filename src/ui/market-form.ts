// The import form's market fields as plain data: the choices of the `import-market` select, and
// a custom market's fields turned into the definition the import worker checks (custom-market.ts
// says what is wrong, the worker refuses before reading a row). Main thread; ImportMarketFields and
// ImportPanel call it.

import type { CustomMarketDefinition } from '../core/custom-market';
import type { MarketSpec } from '../core/market-spec';
import { BUILT_IN_MARKETS, BUILT_IN_MARKET_IDS } from '../core/markets';

export const MARKET_CHOICES: readonly { readonly id: string; readonly label: string; readonly zone: string }[] = [
  ...BUILT_IN_MARKET_IDS.map((id) => ({ id, label: BUILT_IN_MARKETS[id].name, zone: BUILT_IN_MARKETS[id].zone })),
  { id: 'custom', label: 'Custom market (your zone, sessions, weekdays)', zone: '' },
];

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface CustomFields {
  id: string;
  zone: string;
  /** "09:00–11:30, 12:30–15:00" (a hyphen or an en dash). */
  sessions: string;
  weekdays: boolean[];
  /** Dates YYYY-MM-DD, separated by commas or spaces. */
  holidays: string;
}

export function defaultCustomFields(): CustomFields {
  return { id: 'my-market', zone: 'Europe/Paris', sessions: '09:00–17:30', weekdays: [false, true, true, true, true, true, false], holidays: '' };
}

/** "09:00–11:30, 12:30–15:00" as sessions; a piece that is not two times is kept as written, for the check to name. */
export function parseSessions(text: string): { open: string; close: string }[] {
  return text
    .split(/[,;]/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
    .map((piece) => {
      const [open = '', close = ''] = piece.split(/\s*[-–]\s*/);
      return { open: open.trim(), close: close.trim() };
    });
}

/** The zone a market choice reads times in: the built-in market's, or the custom fields' own. */
export function zoneOfChoice(choice: string, custom: CustomFields): string {
  return choice === 'custom' ? custom.zone : (MARKET_CHOICES.find((c) => c.id === choice)?.zone ?? '');
}

/** The market the import form names: a built-in id, or the custom fields as a definition. */
export function marketSpecOf(choice: string, custom: CustomFields): MarketSpec {
  if (choice !== 'custom') return choice;
  const holidays = custom.holidays.split(/[\s,]+/).filter((d) => d !== '');
  const definition: CustomMarketDefinition = {
    id: custom.id.trim(),
    zone: custom.zone.trim(),
    sessions: parseSessions(custom.sessions),
    weekdays: custom.weekdays.flatMap((on, day) => (on ? [day] : [])),
    ...(holidays.length > 0 ? { holidays } : {}),
  };
  return definition;
}
