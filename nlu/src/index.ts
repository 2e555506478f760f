/**
 * Sapa's intent engine: classifies customer messages (zh / id / en / mixed) into the wallet-support
 * taxonomy, offline, from a model file trained by `npm run nlu -- train`.
 */
import { fileURLToPath } from 'node:url';
import { IntentModel } from './model.js';

export { detectLanguage, type Lang } from './lang.js';
export {
  IntentModel,
  OUT_OF_SCOPE,
  FEW_SHOT_MLP_MEMBERS,
  type Classification,
  type IntentScore,
  type TrainingExample,
  type TrainOptions,
  type MemberKind,
} from './model.js';
export { inSimplified, inTraditional, inTraditionalWording, normalizeText, writesSimplified, writesTraditional } from './normalize.js';
export { conceptsIn } from './lexicon.js';
export { lexiconScores } from './lang.js';
export { parseLabelledCsv, formatCsv } from './csv.js';
export { score, type Scores } from './metrics.js';

/** Location of the model trained on Sapa's own data and committed with the code. */
export const SHIPPED_MODEL_PATH = fileURLToPath(new URL('../model/sapa-intents.json', import.meta.url));
/** The data it was trained on, and the held-out split it is scored on (`text,category,lang`). */
export const SHIPPED_TRAINING_PATH = fileURLToPath(new URL('../data/sapa-train.csv', import.meta.url));
export const SHIPPED_TEST_PATH = fileURLToPath(new URL('../data/sapa-test.csv', import.meta.url));
/** The shipped model's accuracy on that split (nlu/README.md; shipped.test.ts keeps it true). */
export const SHIPPED_MODEL_ACCURACY = 0.9242;
/** The command line (cli.ts), for training in a child process that does not hold up a server's event loop. */
export const NLU_CLI_PATH = fileURLToPath(new URL('./cli.ts', import.meta.url));

let shipped: Promise<IntentModel> | undefined;

/** Loads (once per process) the shipped model, nlu/model/sapa-intents.json. */
export function loadShippedModel(): Promise<IntentModel> {
  shipped ??= IntentModel.load(SHIPPED_MODEL_PATH).catch((err: unknown) => {
    shipped = undefined;
    throw err;
  });
  return shipped;
}
