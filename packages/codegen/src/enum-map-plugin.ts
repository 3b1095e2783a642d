import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers';
import { isEnumType } from 'graphql';

/**
 * Appends `Enums`, every enum of the schema by name, to the generated types: `enumValues('OnlineLevel')` (see
 * `subgraphSchema`) then reads the values from the SDL at run time and types them from here, so an enum is written
 * once, in the schema, and entities, checks and resolvers all follow it.
 */
export const enumMapPlugin: CodegenPlugin = {
  plugin: (schema) => {
    const enums = Object.values(schema.getTypeMap())
      .filter((type) => isEnumType(type) && !type.name.startsWith('__'))
      .map((type) => `  ${type.name}: ${type.name};`);
    return `\n/** Every enum of the schema, by name. */\nexport type Enums = {\n${enums.join('\n')}\n};\n`;
  },
};
