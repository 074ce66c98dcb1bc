/** @module The designer's canvas as a person uses it: nodes found by their title, handles connected by dragging. */
import type { Locator, Page } from '@playwright/test';

/** The node whose title reads `title`. */
export function node(page: Page, title: string): Locator {
  return page.locator('.react-flow__node', { has: page.locator('.wd-node__title', { hasText: title }) });
}

/** Connects two handles the way a person does: press on one, move in steps, release on the other. */
export async function dragHandle(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('A handle is not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}
