// The type of the page's settings, made from their rules (www/state.js for the page's own,
// www/labs/<lab>/unit.js for each lab's): a lab's new setting is typed where it is declared.
import type { Rule } from '../settings.js';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Each rule's key, typed as the values the rule gives. */
export type ValuesOf<R> = { readonly [K in keyof R]: R[K] extends Rule<infer V> ? V : never };

/** The settings of every lab of a registry, typed alike. */
export type SettingsOf<Units extends readonly { settings: object }[]> = ValuesOf<UnionToIntersection<Units[number]['settings']>>;
