import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { desc, eq } from 'drizzle-orm';
import { formatCsv, IntentModel, loadShippedModel, NLU_CLI_PATH, SHIPPED_MODEL_ACCURACY, SHIPPED_MODEL_PATH, SHIPPED_TEST_PATH, SHIPPED_TRAINING_PATH } from '../../../../nlu/src/index.js';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { moduleState } from '../../kernel/desk.js';
import { conflict, unavailable, unprocessable } from '../../kernel/errors.js';
import { assistantExamples, assistantModels } from './schema.js';

// The intent model in force on this desk: the shipped one, or one an admin retrained from agents' corrections (the
// shipped training set with the corrections in it). Retraining runs the nlu command line in a child process, so the
// node keeps answering while it trains (about 7 s of CPU); the new model is installed only if it scores on the
// shipped held-out split at least as well as the model in force, less ALLOWED_DROP. Every node picks up a change
// within REFRESH_MS by the active model's id, with or without Redis.

/** How much held-out accuracy a retrained model may lose and still be installed: half a point, about 6 of 1,254
 * held-out messages, within the spread of training seeds; the corrections are real customers' words, the held-out
 * split is written by us. */
export const ALLOWED_DROP = 0.005;
const REFRESH_MS = 30_000;
/** The newest corrections trained on (older ones than that many stay exported, not trained). */
const MAX_CORRECTIONS = 5_000;
/** Retrained models kept (the active one and the ones before it, for the record). */
const KEPT_MODELS = 5;
const execFileAsync = promisify(execFile);
// tsx resolves from the repository, where the nlu folder lives.
const REPO_ROOT = dirname(dirname(NLU_CLI_PATH));

interface ModelState {
  model: Promise<IntentModel>;
  /** The active retrained model's id, null for the shipped one; undefined until read. */
  version: string | null | undefined;
  checkedAt: number;
  checking?: Promise<void>;
  retraining?: boolean;
}

const MODEL = Symbol('assistant.model');

async function activeRow(desk: Desk) {
  const [row] = await desk.db.select({ id: assistantModels.id }).from(assistantModels).where(eq(assistantModels.active, true));
  return row?.id ?? null;
}

async function loadVersion(desk: Desk, id: string | null): Promise<IntentModel> {
  if (!id) return loadShippedModel();
  const [row] = await desk.db.select({ model: assistantModels.model }).from(assistantModels).where(eq(assistantModels.id, id));
  if (!row) return loadShippedModel();
  return IntentModel.fromJSON(JSON.parse(row.model));
}

/** Reads which model is active and swaps it in when it changed; on any failure the one in force stays. */
function refresh(desk: Desk, state: ModelState): Promise<void> {
  state.checking ??= (async () => {
    try {
      const id = await activeRow(desk);
      if (id === state.version) return;
      const model = await loadVersion(desk, id);
      state.model = Promise.resolve(model);
      state.version = id;
    } catch (error) {
      desk.log.warn({ err: error }, 'assistant: could not check for a retrained intent model; keeping the one in force');
    } finally {
      state.checkedAt = Date.now();
      state.checking = undefined;
    }
  })();
  return state.checking;
}

function modelState(desk: Desk): ModelState {
  return moduleState(desk, MODEL, () => {
    const shipped = loadShippedModel();
    const state: ModelState = { model: shipped, version: undefined, checkedAt: 0 };
    // The first answer waits for the active model to be read; if it cannot be, the shipped one answers.
    const first = refresh(desk, state);
    state.model = first.then(() => (state.version === undefined ? shipped : state.model));
    return state;
  });
}

/** Checks now (not in up to 30 s) which model is active, and loads it if it changed: what another node installed. */
export const checkForNewModel = (desk: Desk): Promise<void> => refresh(desk, modelState(desk));

/** The intent model in force on this desk (checked for a newer one at most every 30 s, without waiting for it). */
export function intentModel(desk: Desk): Promise<IntentModel> {
  const state = modelState(desk);
  if (Date.now() - state.checkedAt > REFRESH_MS) void refresh(desk, state);
  return state.model;
}

export interface ModelInfo {
  source: 'shipped' | 'retrained';
  id: string | null;
  trainedAt: string | null;
  trainedBy: string | null;
  examples: number | null;
  corrections: number | null;
  heldOutAccuracy: number;
  /** Corrections made since the model in force was trained: what retraining would add. */
  newCorrections: number;
}

/** Which model is in force, and how many corrections it does not know yet. */
export async function modelInfo(desk: Desk): Promise<ModelInfo> {
  const [row] = await desk.db
    .select({ id: assistantModels.id, createdAt: assistantModels.createdAt, createdBy: assistantModels.createdBy, examples: assistantModels.examples, corrections: assistantModels.corrections, heldOutAccuracy: assistantModels.heldOutAccuracy })
    .from(assistantModels)
    .where(eq(assistantModels.active, true));
  const corrections = await desk.db.select({ createdAt: assistantExamples.createdAt }).from(assistantExamples);
  const since = row?.createdAt.getTime() ?? 0;
  return {
    source: row ? 'retrained' : 'shipped',
    id: row?.id ?? null,
    trainedAt: row?.createdAt.toISOString() ?? null,
    trainedBy: row?.createdBy ?? null,
    examples: row?.examples ?? null,
    corrections: row?.corrections ?? null,
    heldOutAccuracy: row ? row.heldOutAccuracy : SHIPPED_MODEL_ACCURACY,
    newCorrections: corrections.filter((c) => c.createdAt.getTime() > since).length,
  };
}

export interface RetrainResult {
  installed: boolean;
  heldOutAccuracy: number;
  previousAccuracy: number;
  examples: number;
  corrections: number;
  trainSeconds: number;
  model: ModelInfo;
}

interface TrainOutput {
  examples: number;
  extra_examples: number;
  accuracy: number;
  baseline_accuracy: number;
  train_s: number;
}

/**
 * Trains the shipped training set plus every correction (the newest MAX_CORRECTIONS), scores it and the model in force
 * on the held-out split, and installs it when it loses at most ALLOWED_DROP. One retraining at a time per node.
 */
export async function retrainModel(desk: Desk, agent: Extract<Principal, { kind: 'agent' }>): Promise<RetrainResult> {
  const state = modelState(desk);
  if (state.retraining) throw conflict('retrain_running');
  state.retraining = true;
  const dir = await mkdtemp(join(tmpdir(), 'sapa-retrain-'));
  try {
    const corrections = await desk.db.select({ text: assistantExamples.text, intent: assistantExamples.intent }).from(assistantExamples).orderBy(desc(assistantExamples.createdAt)).limit(MAX_CORRECTIONS);
    if (!corrections.length) throw unprocessable('no_corrections');
    await writeFile(join(dir, 'corrections.csv'), formatCsv([['text', 'category'], ...corrections.map((c) => [c.text, c.intent])]));
    // The model in force is the baseline: the shipped file, or the active retrained one written out.
    await refresh(desk, state);
    const current = state.version;
    let baseline = SHIPPED_MODEL_PATH;
    if (current) {
      baseline = join(dir, 'current.json');
      await writeFile(baseline, JSON.stringify((await state.model).toJSON()));
    }
    const out = join(dir, 'model.json');
    let trained: TrainOutput;
    try {
      const { stdout } = await execFileAsync(
        process.execPath,
        ['--import', 'tsx', NLU_CLI_PATH, 'train', '--train', SHIPPED_TRAINING_PATH, '--extra', join(dir, 'corrections.csv'), '--out', out, '--test', SHIPPED_TEST_PATH, '--baseline', baseline],
        { cwd: REPO_ROOT, timeout: 300_000, maxBuffer: 1 << 20 },
      );
      trained = JSON.parse(stdout.trim().split('\n').pop() ?? '') as TrainOutput;
    } catch (error) {
      // Out of memory, killed, the training data missing from this deployment: the model in force stays.
      desk.log.error({ err: error }, 'assistant: retraining the intent model failed; the model in force stays');
      throw unavailable('retrain_failed', 60);
    }
    const installed = trained.accuracy >= trained.baseline_accuracy - ALLOWED_DROP;
    if (installed) {
      const json = await readFile(out, 'utf8');
      const model = IntentModel.fromJSON(JSON.parse(json));
      const id = randomUUID();
      await desk.db.transaction(async (tx) => {
        await tx.update(assistantModels).set({ active: false }).where(eq(assistantModels.active, true));
        await tx.insert(assistantModels).values({
          id,
          active: true,
          examples: trained.examples,
          corrections: trained.extra_examples,
          heldOutAccuracy: trained.accuracy,
          previousAccuracy: trained.baseline_accuracy,
          model: json,
          createdBy: agent.agentId,
        });
        // The file is a few MB: only the last few are kept.
        const old = await tx.select({ id: assistantModels.id }).from(assistantModels).orderBy(desc(assistantModels.createdAt)).offset(KEPT_MODELS);
        for (const o of old) await tx.delete(assistantModels).where(eq(assistantModels.id, o.id));
      });
      state.model = Promise.resolve(model);
      state.version = id;
      state.checkedAt = Date.now();
    }
    desk.log.info({ installed, accuracy: trained.accuracy, baseline: trained.baseline_accuracy, corrections: trained.extra_examples }, 'assistant: intent model retrained');
    return {
      installed,
      heldOutAccuracy: trained.accuracy,
      previousAccuracy: trained.baseline_accuracy,
      examples: trained.examples,
      corrections: trained.extra_examples,
      trainSeconds: trained.train_s,
      model: await modelInfo(desk),
    };
  } finally {
    state.retraining = false;
    await rm(dir, { recursive: true, force: true });
  }
}

/** Puts the shipped model back in force (retrained ones stay stored, inactive). */
export async function useShippedModel(desk: Desk): Promise<ModelInfo> {
  await desk.db.update(assistantModels).set({ active: false }).where(eq(assistantModels.active, true));
  const state = modelState(desk);
  state.model = loadShippedModel();
  state.version = null;
  state.checkedAt = Date.now();
  return modelInfo(desk);
}
