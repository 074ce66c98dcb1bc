/**
 * Issue 15's proof: a builder draws PostgreSQL "New row" → Set → RabbitMQ "Publish message" in the
 * designer, with accounts for both, starts it, and a row inserted in the database arrives on a queue.
 * Real services: PostgreSQL and RabbitMQ of the machine (127.0.0.1). The New row trigger looks once
 * a minute, so the journey waits up to two of its looks.
 */
import amqp from 'amqplib';
import pg from 'pg';
import { dragHandle, node } from '../support/canvas.ts';
import { expect, openStudio, screenshotPath, signUp, test } from '../support/fixtures.ts';

const PG = { host: '127.0.0.1', port: 5432, database: 'test', user: process.env.PGUSER ?? 'postgres' };
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

test('a builder moves every new database row onto a queue: PostgreSQL New row → Set → RabbitMQ Publish', async ({ page, weft, request }) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  const table = `weft_orders_${suffix}`;
  const queue = `weft-orders-${suffix}`;
  const db = new pg.Client(PG);
  await db.connect();
  const broker = await amqp.connect(AMQP_URL);
  const channel = await broker.createChannel();
  try {
    await db.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, customer text NOT NULL, total numeric NOT NULL)`);
    await channel.assertQueue(queue, { durable: false, autoDelete: false });

    const account = await signUp(request, weft);
    const headers = { authorization: `Bearer ${account.token}` };
    for (const [connector, name, fields] of [
      ['weft.postgres', 'Orders database', { ...PG, port: String(PG.port), password: '' }],
      ['weft.rabbitmq', 'Local broker', { url: AMQP_URL }],
    ] as const) {
      const created = await request.post(`${weft.url}/accounts`, { headers, data: { connector, name, fields } });
      expect(created.status(), await created.text()).toBe(201);
    }

    await openStudio(page, weft, account);
    await page.getByRole('button', { name: 'New flow' }).first().click();
    await page.getByRole('dialog').getByLabel('Name').fill('Orders to the queue');
    await page.getByRole('dialog').getByRole('button', { name: 'New flow' }).click();
    await expect(page).toHaveURL(/#\/flows\/[^/]+\/designer$/);
    const flowId = decodeURIComponent(/#\/flows\/([^/]+)\/designer/.exec(page.url())![1]!);

    // The palette groups components by connector: take each from its own group.
    const palette = page.getByRole('navigation', { name: 'Components' });
    const canvas = page.locator('.react-flow__pane');
    await palette.getByRole('listbox', { name: 'PostgreSQL' }).getByRole('option', { name: 'New row' }).dragTo(canvas, { targetPosition: { x: 60, y: 120 } });
    await palette.getByRole('listbox', { name: 'transform' }).getByRole('option', { name: 'Set', exact: true }).dragTo(canvas, { targetPosition: { x: 300, y: 120 } });
    await palette.getByRole('listbox', { name: 'RabbitMQ' }).getByRole('option', { name: 'Publish message' }).dragTo(canvas, { targetPosition: { x: 540, y: 120 } });
    await expect(page.locator('.react-flow__node')).toHaveCount(3);
    await dragHandle(page, node(page, 'New row').getByTitle(/^output /), node(page, 'Set').getByTitle('input in'));
    await dragHandle(page, node(page, 'Set').getByTitle('output out'), node(page, 'Publish message').getByTitle('input in'));
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);

    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    // New row: the database account, the table, the column that grows with each row.
    await node(page, 'New row').click();
    const rowAccount = inspector.getByLabel('Account', { exact: true });
    await expect(rowAccount.getByRole('option', { name: 'Orders database' })).toBeAttached();
    await rowAccount.selectOption({ label: 'Orders database' });
    await inspector.getByLabel('Table', { exact: true }).fill(table);
    await inspector.getByLabel('Order column', { exact: true }).fill('id');

    // Set: one field from the row.
    await node(page, 'Set').click();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Key', { exact: true }).fill('order');
    await page.getByRole('button', { name: 'Insert variable' }).click();
    const picker = page.getByRole('dialog', { name: 'Variables from earlier components' });
    await picker.getByRole('option', { name: /^New row › (out|Row)/ }).first().click();
    await picker.getByRole('button', { name: 'Insert' }).click();

    // Publish: the broker account, the queue, the Set's output as the message.
    await node(page, 'Publish message').click();
    const publishAccount = inspector.getByLabel('Account', { exact: true });
    await expect(publishAccount.getByRole('option', { name: 'Local broker' })).toBeAttached();
    await publishAccount.selectOption({ label: 'Local broker' });
    await inspector.getByLabel('Queue', { exact: true }).fill(queue);
    const message = page.locator('.wd-field', { has: page.getByLabel('Message', { exact: true }) });
    await message.getByRole('button', { name: 'Insert variable' }).click();
    await picker.getByRole('option', { name: /^Set › out/ }).click();
    await picker.getByRole('button', { name: 'Insert' }).click();
    await page.screenshot({ path: screenshotPath('designer-new-row-to-rabbitmq.png') });

    await page.getByRole('toolbar', { name: 'Designer tools' }).getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('toolbar', { name: 'Designer tools' }).getByText('Running')).toBeVisible();

    // A row inserted after the start travels to the queue.
    await db.query(`INSERT INTO ${table} (customer, total) VALUES ($1, $2)`, ['Ada Lovelace', 42.5]);
    let received: amqp.GetMessage | false = false;
    const deadline = Date.now() + 150_000;
    while (received === false && Date.now() < deadline) {
      received = await channel.get(queue, { noAck: true });
      if (received === false) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(received, `nothing arrived on ${queue}`).not.toBe(false);
    const body = JSON.parse((received as amqp.GetMessage).content.toString('utf8')) as { order: { customer: string; id: number } };
    expect(body.order).toMatchObject({ customer: 'Ada Lovelace', id: 1 });

    // The flow's log shows the run: its records are indexed just after the steps that wrote them, so
    // the message may reach the queue before the Publish step's record is searchable; look again.
    await expect.poll(async () => {
      const logs = await request.get(`${weft.url}/logs?flowId=${flowId}&direction=out`, { headers });
      return ((await logs.json()) as { records: unknown[] }).records.length;
    }, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: screenshotPath('designer-new-row-to-rabbitmq-running.png') });
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await db.end();
    await channel.deleteQueue(queue).catch(() => {});
    await broker.close().catch(() => {});
  }
});
