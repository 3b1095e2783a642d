import { inLanguage } from '@motcua/shared-sdl';
import type { UnitHistoryResolvers } from '../generated/resolvers-types.ts';

export const UnitHistory: UnitHistoryResolvers = {
  note: (history, { language }) => inLanguage(language, history.noteVi, history.noteEn),
};
