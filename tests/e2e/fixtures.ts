// Playwright's test with one addition: any error thrown in the page fails the test, so an
// exception that only reached the console cannot hide behind a passing assertion.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    expect(errors, 'errors thrown in the page').toEqual([]);
  },
});

export { expect };
