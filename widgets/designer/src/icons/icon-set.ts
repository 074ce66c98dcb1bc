/**
 * @module Icon set: the lucide icons a manifest may name, imported one by one so the bundle carries only
 * these. A connector naming an icon outside this list gets the generic icon, or brings a data URL.
 */
import {
  ArrowRightLeft, Bell, Blocks, Box, Braces, Calendar, CalendarClock, CircleCheck, CirclePlay, Clock, Cloud, Code, Combine,
  Database, DatabaseZap, FileText, Funnel, GitBranch, GitFork, Globe, HardDriveDownload, HardDriveUpload, Hourglass, Layers,
  ListFilter, Mail, Merge, MessageSquare, PhoneIncoming, PhoneOutgoing, Play, Puzzle, Repeat, Reply, Route, Search, Send,
  Shuffle, Signpost, Split, SquarePen, Table, Timer, Trash2, TriangleAlert, User, Users, Webhook, Workflow, Zap,
  type LucideIcon,
} from 'lucide-react';

export const ICONS: Readonly<Record<string, LucideIcon>> = {
  'arrow-right-left': ArrowRightLeft, bell: Bell, blocks: Blocks, box: Box, braces: Braces, calendar: Calendar,
  'calendar-clock': CalendarClock, 'circle-check': CircleCheck, 'circle-play': CirclePlay, clock: Clock, cloud: Cloud,
  code: Code, combine: Combine, database: Database, 'database-zap': DatabaseZap, 'file-text': FileText, funnel: Funnel,
  'git-branch': GitBranch, 'git-fork': GitFork, globe: Globe, 'hard-drive-download': HardDriveDownload,
  'hard-drive-upload': HardDriveUpload, hourglass: Hourglass, layers: Layers, 'list-filter': ListFilter, mail: Mail,
  merge: Merge, 'message-square': MessageSquare, 'phone-incoming': PhoneIncoming, 'phone-outgoing': PhoneOutgoing,
  play: Play, puzzle: Puzzle, repeat: Repeat, reply: Reply, route: Route, search: Search, send: Send, shuffle: Shuffle,
  signpost: Signpost, split: Split, 'square-pen': SquarePen, table: Table, timer: Timer, 'trash-2': Trash2,
  'triangle-alert': TriangleAlert, user: User, users: Users, webhook: Webhook, workflow: Workflow, zap: Zap,
};

/** A trigger without an icon of its own. */
export const TRIGGER_ICON: LucideIcon = Zap;
/** Any other component without one (or of an unknown type). */
export const FALLBACK_ICON: LucideIcon = Puzzle;
