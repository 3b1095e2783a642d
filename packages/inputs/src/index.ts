export {
  boundedSearchWords,
  checkArgument,
  cleanText,
  SEARCH_LIMITS,
  searchText,
  searchWords,
} from './argument-rules.ts';
export {
  httpUrl,
  optionalText,
  parseInput,
  problemsOf,
  requiredText,
  SERVICE_CODE,
  UNIT_CODE,
} from './input-fields.ts';
export { isUuid, type KeyLoaders, loadByKey, lookupKey, todayIso } from './lookup.ts';
export { checkRangeLength, MAX_RANGE_MONTHS, monthsBetween, shiftMonth } from './month-range.ts';
