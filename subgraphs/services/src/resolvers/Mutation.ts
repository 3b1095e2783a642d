import { importEvents } from '../catalog-import/import-events.ts';
import { replaceSynonyms } from '../catalog-import/replace-synonyms.ts';
import { upsertServices } from '../catalog-import/upsert-services.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  async upsertServices(_, { services }, { em, loaders }) {
    const summary = await upsertServices(em, services);
    const written = await Promise.all(summary.codes.map((code) => loaders.serviceByCode.load(code)));
    return { ...summary, services: written.filter((service) => service !== null) };
  },
  replaceSearchSynonyms: (_, { synonyms }, { em }) => replaceSynonyms(em, synonyms),
  importEventsAndBundles: (_, { events, bundles }, { em }) => importEvents(em, { events, bundles }),
};
