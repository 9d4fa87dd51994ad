import { bodies } from './sv/bodies.js';
import { core } from './sv/core.js';
import { cost } from './sv/cost.js';
import { meetings } from './sv/meetings.js';
import { needs } from './sv/needs.js';
import { polls } from './sv/polls.js';
import { records } from './sv/records.js';
import { privacy } from './sv/privacy.js';
import { roster } from './sv/roster.js';

/** The Swedish catalogue: the default language, and the shape every other language follows. */
export const sv = { core, cost, meetings, needs, bodies, polls, records, privacy, roster };
