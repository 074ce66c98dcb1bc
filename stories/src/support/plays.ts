/**
 * @module Plays: play functions more than one widget's stories share (a list loading, a list whose
 * load failed with the fake engine's error).
 */
import { expect } from 'storybook/test';
import { FAKE_ERROR_MESSAGE } from '../mock-api/fake-engine.ts';
import { withinWidget } from './shadow-host.tsx';

type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;

/** The widget shows its spinner's "Loading…". */
export const showsLoading: Play = async ({ canvasElement }) => {
  const { canvas } = await withinWidget(canvasElement);
  await expect(await canvas.findByText('Loading…')).toBeVisible();
};

/** The widget shows an alert with the fake engine's error message. */
export const showsLoadError: Play = async ({ canvasElement }) => {
  const { canvas } = await withinWidget(canvasElement);
  await expect(await canvas.findByRole('alert')).toHaveTextContent(FAKE_ERROR_MESSAGE);
};
