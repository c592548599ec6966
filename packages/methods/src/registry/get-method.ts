import type { AdaptableModel, TtaMethod } from "@zerosiam/core";
import { createRegistry } from "@zerosiam/core";
import { createNorm } from "../norm/create-norm";
import { createSource } from "../source/create-source";
import { createTent } from "../tent/create-tent";
import { createZeroSiam } from "../zerosiam/create-zero-siam-method";

/** Builds a method bound to a model; options are the method's own (paper defaults when omitted). */
export type MethodFactory = (
	model: AdaptableModel,
	options?: Record<string, unknown>,
) => TtaMethod<unknown>;

export type MethodName = "source" | "norm" | "tent" | "zerosiam";

const methods = createRegistry<MethodFactory>("method", {
	source: (model) => createSource(model),
	norm: (model) => createNorm(model),
	tent: (model, options) => createTent(model, options),
	zerosiam: (model, options) => createZeroSiam(model, options),
} satisfies Record<MethodName, MethodFactory>);

/** Every registered method id. */
export const methodNames = methods.names as readonly MethodName[];

/**
 * The factory of a registered method (`getMethod('zerosiam')(model, { alpha: 1 })`), or a
 * factory passed straight through. An unknown name throws UnknownNameError listing the valid ids.
 */
export function getMethod(
	nameOrValue: MethodName | (string & {}) | MethodFactory,
): MethodFactory {
	return methods.get(nameOrValue);
}
