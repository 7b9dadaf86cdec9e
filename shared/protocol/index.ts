// The protocol between the core and the windows; see messages.ts for the catalogue.
export * from './messages';
export * from './envelope';
export * from './validation';
export * from './bridge';
export * from './access';
export { signedInUserSchema, whoAmISchema, type SignedInUser, type WhoAmI } from './domains/auth';
export {
  journalFilterSchema,
  journalPageSizeLimit,
  journalExportLimit,
  type JournalFilter,
} from './domains/journal';
export { ptzHolderSchema, ptzAbilitiesSchema, type PtzHolder, type PtzAbilities } from './domains/ptz';
