/**
 * The Action.Execute verbs of the meeting-records cards (#17), shared by the cards that send them and the bot routes
 * that will receive them. Card inputs arrive as strings: parse them with zod at the edge.
 */
export const recordsVerbs = {
  /** Show a meeting's notice card: agenda and papers (data: `meetingId`). */
  notice: 'records.notice',
  /** Leadership sends the notice now instead of on schedule (data: `meetingId`). */
  sendNotice: 'records.sendNotice',
  /** Leadership announces the changes made since the notice (data: `meetingId`, `revision` shown on the card). */
  announceChanges: 'records.announceChanges',
  /** Leadership's agenda editor (data: `meetingId`). */
  agenda: 'records.agenda',
  /** Add an agenda item (data: `meetingId`; inputs: agendaInputIds.title, .description, .presenterName). */
  addAgendaItem: 'records.addAgendaItem',
  /** Remove an agenda item (data: `meetingId`; input agendaInputIds.item). */
  removeAgendaItem: 'records.removeAgendaItem',
  /** Move an agenda item one step (data: `meetingId`, `direction`: 'up' | 'down'; input agendaInputIds.item). */
  moveAgendaItem: 'records.moveAgendaItem',
  /** Add a paper as a link (data: `meetingId`; inputs: agendaInputIds.paperTitle, .paperUrl, .paperItem). */
  addPaper: 'records.addPaper',
  /** Remove a paper (data: `meetingId`; input agendaInputIds.paper). */
  removePaper: 'records.removePaper',

  /** The attendance form (data: `meetingId`, `page?`). */
  attendance: 'records.attendance',
  /**
   * Save the attendance shown (data: `meetingId`, `page`, `personIds`: the people on this page, comma-separated,
   * `goTo?`: the page to show next; inputs: attendanceInputIds.status(personId), .seat(personId), and .guests on the
   * page that shows the guests — when the payload has no guests input, the guests stay as they are).
   */
  saveAttendance: 'records.saveAttendance',

  /** Leadership's form to record a decision at a meeting (data: `meetingId`). */
  decisionForm: 'records.decisionForm',
  /** Record the decision (data: `meetingId`; inputs decisionInputIds.text, .item, .needs). */
  recordDecision: 'records.recordDecision',
  /** Show one decision (data: `decisionId`). */
  decision: 'records.decision',
  /** A page of decision search results (data: `query` as typed, `page`). */
  decisions: 'records.decisions',

  /** Leadership's form for a new action (data: `decisionId`, or `meetingId` and `itemId`). */
  actionForm: 'records.actionForm',
  /** Create the action (data as the form's; inputs actionInputIds.title, .owner, .due). */
  createAction: 'records.createAction',
  /** Show one action item (data: `actionId`). */
  action: 'records.action',
  /** The owner marks an action done (data: `actionId`; input actionInputIds.comment). */
  completeAction: 'records.completeAction',
  /** Reopen a done action (data: `actionId`; input actionInputIds.comment). */
  reopenAction: 'records.reopenAction',
  /** Open actions (data: `scope`: 'mine' | 'meeting' | 'person'). */
  actions: 'records.actions',

  /**
   * Show the minutes (data: `meetingId`; `edit: true` with input minutesInputIds.editKey for leadership writing one
   * section's notes; `signatories: true` for the chair and adjuster pickers).
   */
  minutes: 'records.minutes',
  /** Leadership drafts or regenerates the minutes from the record (data: `meetingId`). */
  draftMinutes: 'records.draftMinutes',
  /** Save one section's notes (data: `meetingId`, `itemKey`, `version`; input minutesInputIds.notes). */
  saveMinutesNotes: 'records.saveMinutesNotes',
  /** Name the chair and adjusters (data: `meetingId`; inputs minutesInputIds.chair, .adjusters — comma-separated ids). */
  nameSignatories: 'records.nameSignatories',
  /** A signatory approves the version shown (data: `meetingId`, `version`). */
  approveMinutes: 'records.approveMinutes',
  /** A signatory asks for a change to the version shown (data: `meetingId`, `version`; input minutesInputIds.changeComment). */
  requestMinutesChange: 'records.requestMinutesChange',

  /** Leadership's form to put a question per capsulam (data: `body?`). */
  perCapsulamForm: 'records.perCapsulamForm',
  /** Put the question to the body's seats (inputs perCapsulamInputIds.*). */
  openPerCapsulam: 'records.openPerCapsulam',
  /** Show a per capsulam question (data: `procedureId`). */
  perCapsulam: 'records.perCapsulam',
  /** A seat answers (data: `procedureId`, `seatId`, `value`: 'yes' | 'no'). */
  answerPerCapsulam: 'records.answerPerCapsulam',

  /** Universal Actions refresh of a records card: the viewer's own view (data: `kind`, `id`). */
  refresh: 'records.refresh',
} as const;
export type RecordsVerb = (typeof recordsVerbs)[keyof typeof recordsVerbs];

/** The agenda editor's inputs. */
export const agendaInputIds = {
  title: 'agendaTitle',
  description: 'agendaDescription',
  presenterName: 'agendaPresenterName',
  paperTitle: 'paperTitle',
  paperUrl: 'paperUrl',
  /** '' for the meeting as a whole. */
  paperItem: 'paperItem',
  /** The item to move or remove. */
  item: 'agendaItem',
  /** The paper to remove. */
  paper: 'agendaPaper',
} as const;

/**
 * The attendance form's inputs, one pair per person. Person ids are GUIDs (hex and hyphens), so they are safe inside
 * an input id.
 */
export const attendanceInputIds = {
  status: (personId: string): string => `att-${personId}`,
  /** '' = not acting for a seat. */
  seat: (personId: string): string => `seat-${personId}`,
  guests: 'guests',
} as const;

export const actionInputIds = { comment: 'actionComment', title: 'actionTitle', owner: 'actionOwner', due: 'actionDue' } as const;

export const decisionInputIds = {
  text: 'decisionText',
  /** '' for no agenda item. */
  item: 'decisionItem',
  /** Need numbers as typed ("12, 15"); parse with parseNeedNumbers. */
  needs: 'decisionNeeds',
} as const;

export const perCapsulamInputIds = {
  body: 'pcBody',
  proposal: 'pcProposal',
  needs: 'pcNeeds',
  /** Stockholm date (yyyy-MM-dd) and time (HH:mm) of the deadline. */
  deadlineDate: 'pcDeadlineDate',
  deadlineTime: 'pcDeadlineTime',
} as const;

export const minutesInputIds = {
  notes: 'minutesNotes',
  /** The section whose notes leadership is about to write (an agenda item's id, or 'other'). */
  editKey: 'editKey',
  changeComment: 'changeComment',
  chair: 'chairId',
  /** An Input.ChoiceSet with isMultiSelect: the ids arrive comma-separated. */
  adjusters: 'adjusterIds',
} as const;
