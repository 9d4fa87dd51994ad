import { bodies } from './en/bodies.js';
import { core } from './en/core.js';
import { cost } from './en/cost.js';
import { meetings } from './en/meetings.js';
import { needs } from './en/needs.js';
import { polls } from './en/polls.js';
import { records } from './en/records.js';
import { privacy } from './en/privacy.js';
import { roster } from './en/roster.js';
import type { Catalogue } from './shape.js';

/** The English catalogue, for people whose Teams locale starts with "en". */
export const en: Catalogue = { core, cost, meetings, needs, bodies, polls, records, privacy, roster };
