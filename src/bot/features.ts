import type { BotFeature } from './feature.js';
import type { BotConfig } from '../config.js';
import { coreFeature } from './features/core-feature.js';
import { costFeature } from './features/cost-feature.js';
import { needsFeature } from './features/needs-feature.js';
import { meetingsFeature } from './features/meetings-feature.js';
import { auditFeature } from './features/audit-feature.js';
import { filesFeature } from './features/files-feature.js';
import { privacyFeature } from './features/privacy-feature.js';
import { recordsFeature } from './features/records-feature.js';
import { pollsFeature } from './features/polls-feature.js';
import { calendarFeature } from './features/calendar-feature.js';
import { rosterFeature } from './features/roster-feature.js';
import type { CalendarSync } from '../calendar/calendar-sync.js';

/** Every feature of the bot. Text routes are tried in this order (help first); help lists core's entries last. */
export function allFeatures(config?: Pick<BotConfig, 'reminders' | 'polls' | 'calendar'>, calendar?: CalendarSync): BotFeature[] {
  const features: BotFeature[] = [
    costFeature(),
    needsFeature(),
    meetingsFeature(config ? { reminders: config.reminders } : {}),
    pollsFeature(config?.polls),
    recordsFeature(),
    rosterFeature(config ? { timeOfDay: config.reminders.timeOfDay } : {}),
  ];
  const core = coreFeature(() => [...features.filter((f) => f !== core), core].flatMap((f) => f.help ?? []));
  features.unshift(core);
  features.push(auditFeature(), privacyFeature(), filesFeature(() => features.flatMap((f) => f.downloads ?? [])));
  // The Outlook calendar only with Graph credentials; without them .ics files as before.
  if (calendar && calendar.backend === 'graph' && config?.calendar.backend === 'graph') features.push(calendarFeature(calendar, config.calendar.organiserMailbox));
  return features;
}
