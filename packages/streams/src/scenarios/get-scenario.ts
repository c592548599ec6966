import { createRegistry } from '@zerosiam/core';
import { blindSpotScenario } from './blind-spot';
import { continualScenario } from './continual';
import { dirichletScenario } from './dirichlet';
import { gradualScenario } from './gradual';
import { labelShiftScenario } from './label-shift';
import { mixedScenario } from './mixed';
import { noisePreAdaptationScenario } from './noise-pre-adaptation';
import { resetEachShiftScenario } from './reset-each-shift';
import type { ScenarioDefinition } from './scenario';

/** Every named scenario. */
export const scenarioRegistry = createRegistry<ScenarioDefinition>('scenario', {
  'reset-each-shift': resetEachShiftScenario,
  continual: continualScenario,
  gradual: gradualScenario,
  mixed: mixedScenario,
  'label-shift': labelShiftScenario,
  dirichlet: dirichletScenario,
  'blind-spot': blindSpotScenario,
  'noise-pre-adaptation': noisePreAdaptationScenario,
});

/** Looks a scenario up by id (UnknownNameError listing the valid ids otherwise), or passes a definition through. */
export function getScenario(nameOrDefinition: string | ScenarioDefinition): ScenarioDefinition {
  return scenarioRegistry.get(nameOrDefinition);
}
