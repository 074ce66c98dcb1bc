/**
 * @module SQL components: Query, Insert Row, Update Rows, Delete Rows and the New Row polling
 * trigger, the same for every SQL database; the dialect says how each database differs.
 */
import { defineComponent, WeftError, type ComponentBehaviour, type ComponentContext, type ComponentDefinition, type InspectorInput, type OptionsContext, type SelectOption } from '@weft/connector-kit';
import type { SqlDialect, SqlSession } from './dialect.ts';
import { SessionPool } from './session-pool.ts';
import { CURSOR_COLUMNS, deleteStatement, insertStatement, latestRowStatement, newRowsStatement, updateStatement, type RowCursor } from './statements.ts';

/** Most rows Query answers with (the property may lower it). */
export const MAX_QUERY_ROWS = 10_000;
/** Most rows one New Row tick sends (one run each). */
export const MAX_BATCH = 100;
/** How often New Row looks for rows. */
export const NEW_ROW_INTERVAL_MS = 60_000;

function accountInput(dialect: SqlDialect): InspectorInput {
  return { type: 'select', label: 'Account', tooltip: `The ${dialect.label} connection to use (connect one under Accounts).`, source: { name: 'accounts' }, variables: false, index: 0 };
}

const tableInput: InspectorInput = { type: 'text', label: 'Table', tooltip: 'The table name, or schema.table.', variables: false, index: 1 };

/** The account's own accounts of this connector, for the account select. */
async function accountOptions(dialect: SqlDialect, name: string, context: OptionsContext): Promise<SelectOption[]> {
  if (name !== 'accounts') return [];
  const accounts = (await context.listAccounts?.()) ?? [];
  return accounts
    .filter((account) => (account as { connector?: unknown }).connector === dialect.connector)
    .map((account) => ({ label: account.status === 'valid' ? account.name : `${account.name} (${account.status})`, value: account.id }));
}

function text(properties: Record<string, unknown>, name: string): string | undefined {
  const value = properties[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function boundedInteger(value: unknown, fallback: number, max: number): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) && number >= 1 ? Math.min(Math.trunc(number), max) : fallback;
}

/** What one component instance's calls share: the pools of this dialect, keyed by account. */
function sessionRunner(dialect: SqlDialect, pools: SessionPool<SqlSession>) {
  return async <T>(context: ComponentContext, work: (session: SqlSession) => Promise<T>): Promise<T> => {
    const auth = context.auth;
    if (!auth) {
      throw new WeftError('sql.no_account', `Choose a ${dialect.label} account in the component's "Account" property.`, { status: 422, path: 'properties.account', retry: 'never' });
    }
    try {
      return await pools.use(auth.accountId, auth.fields, `${context.flowId}:${context.componentId}`, work);
    } catch (error) {
      throw error instanceof WeftError ? error : dialect.describeError(error);
    }
  };
}

/** The components of one SQL connector. */
export function sqlComponents(dialect: SqlDialect, options: { idleMs?: number } = {}): ComponentDefinition[] {
  const pools = new SessionPool<SqlSession>((fields) => dialect.connect(fields), options);
  const withSession = sessionRunner(dialect, pools);
  const name = (component: string) => `${dialect.connector}.${component}`;
  const common: Pick<ComponentBehaviour, 'stop' | 'options'> = {
    async stop(context) {
      await pools.release(`${context.flowId}:${context.componentId}`);
    },
    options: (optionName, context) => accountOptions(dialect, optionName, context),
  };
  const rowsOut = { name: 'out', schema: { type: 'object' as const, properties: { rows: { type: 'array' as const, title: 'Rows' }, rowCount: { type: 'number' as const, title: 'Row count' } } } };
  const countOut = { name: 'out', schema: { type: 'object' as const, properties: { rowCount: { type: 'number' as const, title: 'Rows changed' } } } };

  const query = defineComponent(
    {
      name: name('Query'),
      label: 'Query',
      description: `Runs one SQL statement on ${dialect.label} with parameters (${dialect.placeholder(1)}, ${dialect.placeholder(2)}, …) and sends the rows it returns.`,
      category: 'database',
      inPorts: [{ name: 'in', schema: { type: 'object', properties: { params: { type: 'array', title: `Parameters, in order (${dialect.placeholder(1)}, ${dialect.placeholder(2)}, …)` } } } }],
      outPorts: [rowsOut],
      properties: {
        schema: { type: 'object', properties: { account: { type: 'string' }, sql: { type: 'string' }, maxRows: { type: 'number' } }, required: ['account', 'sql'] },
        inspector: {
          inputs: {
            account: accountInput(dialect),
            sql: { type: 'code', language: 'sql', label: 'SQL', tooltip: `Values come from the mapped parameters (${dialect.placeholder(1)}, ${dialect.placeholder(2)}, …), never written into the SQL.`, variables: false, index: 1 },
            maxRows: { type: 'number', label: 'Max rows', tooltip: `Fails rather than send more rows than this (at most ${MAX_QUERY_ROWS}).`, defaultValue: 1000, index: 2 },
          },
        },
      },
    },
    {
      async receive(context) {
        const sql = text(context.properties, 'sql');
        if (!sql) throw new WeftError('sql.invalid', 'properties.sql: write the SQL statement to run.', { status: 422, path: 'properties.sql', retry: 'never' });
        const params = context.messages.in?.content.params ?? [];
        if (!Array.isArray(params)) throw new WeftError('sql.invalid', `in.params: map a list of values (${dialect.placeholder(1)} is the first), not ${typeof params}.`, { status: 422, path: 'in.params', retry: 'never' });
        const maxRows = boundedInteger(context.properties.maxRows, 1000, MAX_QUERY_ROWS);
        const result = await withSession(context, (session) => session.query(sql, params, maxRows));
        await context.sendJson({ rows: result.rows, rowCount: result.rowCount }, 'out');
      },
      ...common,
    },
  );

  const tableProperties = (extra: Record<string, InspectorInput> = {}) => ({
    schema: { type: 'object' as const, properties: { account: { type: 'string' as const }, table: { type: 'string' as const } }, required: ['account', 'table'] },
    inspector: { inputs: { account: accountInput(dialect), table: tableInput, ...extra } },
  });
  const objectField = (title: string) => ({ type: 'object' as const, title, additionalProperties: true });

  const insertRow = defineComponent(
    {
      name: name('InsertRow'),
      label: 'Insert row',
      description: `Inserts one row into a ${dialect.label} table${dialect.returning ? ' and sends it as stored' : ''}.`,
      category: 'database',
      inPorts: [{ name: 'in', schema: { type: 'object', properties: { values: objectField('Values (column → value)') }, required: ['values'] } }],
      outPorts: [{ name: 'out', schema: { type: 'object', properties: { row: { type: 'object', title: 'Row' }, rowCount: { type: 'number', title: 'Row count' }, insertId: { type: 'any', title: 'Insert id' } } } }],
      properties: tableProperties(),
    },
    {
      async receive(context) {
        const statement = insertStatement(dialect, context.properties.table, context.messages.in?.content.values);
        const result = await withSession(context, (session) => session.query(statement.sql, statement.params, 1));
        const values = context.messages.in?.content.values as Record<string, unknown>;
        await context.sendJson({ row: result.rows[0] ?? values, rowCount: result.rowCount, ...(result.insertId === undefined ? {} : { insertId: result.insertId }) }, 'out');
      },
      ...common,
    },
  );

  const updateRows = defineComponent(
    {
      name: name('UpdateRows'),
      label: 'Update rows',
      description: `Sets columns of the ${dialect.label} rows whose columns equal the "where" values.`,
      category: 'database',
      inPorts: [{ name: 'in', schema: { type: 'object', properties: { values: objectField('Values to set (column → value)'), where: objectField('Where (column → value, all must match)') }, required: ['values', 'where'] } }],
      outPorts: [countOut],
      properties: tableProperties(),
    },
    {
      async receive(context) {
        const content = context.messages.in?.content ?? {};
        const statement = updateStatement(dialect, context.properties.table, content.values, content.where);
        const result = await withSession(context, (session) => session.query(statement.sql, statement.params, 0));
        await context.sendJson({ rowCount: result.rowCount }, 'out');
      },
      ...common,
    },
  );

  const deleteRows = defineComponent(
    {
      name: name('DeleteRows'),
      label: 'Delete rows',
      description: `Deletes the ${dialect.label} rows whose columns equal the "where" values.`,
      category: 'database',
      inPorts: [{ name: 'in', schema: { type: 'object', properties: { where: objectField('Where (column → value, all must match)') }, required: ['where'] } }],
      outPorts: [countOut],
      properties: tableProperties(),
    },
    {
      async receive(context) {
        const statement = deleteStatement(dialect, context.properties.table, context.messages.in?.content.where);
        const result = await withSession(context, (session) => session.query(statement.sql, statement.params, 0));
        await context.sendJson({ rowCount: result.rowCount }, 'out');
      },
      ...common,
    },
  );

  return [query, insertRow, updateRows, deleteRows, newRowTrigger(dialect, withSession, common, name('NewRow'))];
}

interface NewRowSettings {
  table: string;
  orderColumn: string;
  keyColumn: string;
  startFrom: 'new' | 'all';
  batch: number;
}

function newRowSettings(properties: Record<string, unknown>): NewRowSettings {
  const table = text(properties, 'table');
  const orderColumn = text(properties, 'orderColumn');
  if (!table) throw new WeftError('sql.invalid', 'properties.table: give the table to watch.', { status: 422, path: 'properties.table', retry: 'never' });
  if (!orderColumn) throw new WeftError('sql.invalid', 'properties.orderColumn: give the column that grows with every new row (an id or a creation time).', { status: 422, path: 'properties.orderColumn', retry: 'never' });
  return {
    table,
    orderColumn,
    keyColumn: text(properties, 'keyColumn') ?? orderColumn,
    startFrom: properties.startFrom === 'all' ? 'all' : 'new',
    batch: boundedInteger(properties.batchSize, 50, MAX_BATCH),
  };
}

/**
 * The cursor lives in the component's state under a key naming the table and columns, so changing
 * them starts afresh instead of comparing values of another column. `null`: the table was empty
 * when the trigger started, every row is new.
 */
function cursorKey(settings: NewRowSettings): string {
  return `cursor:${JSON.stringify([settings.table, settings.orderColumn, settings.keyColumn])}`;
}

function newRowTrigger(
  dialect: SqlDialect,
  withSession: ReturnType<typeof sessionRunner>,
  common: Pick<ComponentBehaviour, 'stop' | 'options'>,
  name: string,
): ComponentDefinition {
  /** Where "new" starts, the first time the trigger runs: after the last row now there, or before all rows. */
  async function baseline(context: ComponentContext, settings: NewRowSettings): Promise<RowCursor | null> {
    if (settings.startFrom === 'all') return null;
    const statement = latestRowStatement(dialect, settings);
    const result = await withSession(context, (session) => session.query(statement.sql, statement.params, 1));
    const last = result.rows[0];
    return last ? { order: String(last[CURSOR_COLUMNS.order]), key: String(last[CURSOR_COLUMNS.key]) } : null;
  }

  return defineComponent(
    {
      name,
      label: 'New row',
      description: `Starts a run for every new row of a ${dialect.label} table (looks every minute), in the order of a column that grows with each row.`,
      category: 'database',
      trigger: true,
      tick: NEW_ROW_INTERVAL_MS,
      outPorts: [{ name: 'out', label: 'Row', schema: { type: 'object', title: 'The new row (its columns)', additionalProperties: true } }],
      properties: {
        schema: {
          type: 'object',
          properties: { account: { type: 'string' }, table: { type: 'string' }, orderColumn: { type: 'string' }, keyColumn: { type: 'string' }, startFrom: { type: 'string', enum: ['new', 'all'] }, batchSize: { type: 'number' } },
          required: ['account', 'table', 'orderColumn'],
        },
        inspector: {
          inputs: {
            account: accountInput(dialect),
            table: tableInput,
            orderColumn: { type: 'text', label: 'Order column', tooltip: 'A column whose value grows with every new row: an auto-increment id or a creation time set when the row is inserted.', variables: false, index: 2 },
            keyColumn: { type: 'text', label: 'Unique column', tooltip: 'When the order column can repeat (a time), a unique column (the primary key) that orders rows of equal time. Empty: the order column is unique.', variables: false, index: 3 },
            startFrom: { type: 'select', label: 'Start with', options: [{ label: 'Rows added from now on', value: 'new' }, { label: 'All rows already in the table', value: 'all' }], defaultValue: 'new', variables: false, index: 4 },
            batchSize: { type: 'number', label: 'Rows per look', tooltip: `At most this many rows (≤ ${MAX_BATCH}) start runs each minute; the rest follow at the next looks.`, defaultValue: 50, index: 5 },
          },
        },
      },
    },
    {
      // Place the cursor when the flow starts, so rows added before the first look are new rows.
      async start(context) {
        if (!context.auth) return;
        const settings = newRowSettings(context.properties);
        const key = cursorKey(settings);
        if ((await context.state.get(key)) !== undefined) return; // restarted: carry on where it stopped
        try {
          await context.state.set(key, await baseline(context, settings));
        } catch (error) {
          // The database is down now: the first look places the cursor instead.
          context.log('warn', `Could not read where the table ends yet: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
      async tick(context) {
        const settings = newRowSettings(context.properties);
        const key = cursorKey(settings);
        const stored = await context.state.get<RowCursor | null>(key);
        if (stored === undefined) {
          await context.state.set(key, await baseline(context, settings));
          if (settings.startFrom === 'new') return;
        }
        const statement = newRowsStatement(dialect, { ...settings, after: stored ?? undefined, limit: settings.batch });
        const { rows } = await withSession(context, (session) => session.query(statement.sql, statement.params, settings.batch));
        let last: RowCursor | undefined;
        for (const row of rows) {
          const { [CURSOR_COLUMNS.order]: order, [CURSOR_COLUMNS.key]: rowKey, ...columns } = row;
          last = { order: String(order), key: String(rowKey) };
          await context.sendJson(columns, 'out');
        }
        // Written last: the sends are published as soon as tick returns (see the README on crashes).
        if (last) await context.state.set(key, last);
      },
      ...common,
    },
  );
}
