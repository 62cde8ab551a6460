import { join } from 'node:path';
import { schemaCommand } from '@saldo/kit';
import { schemaOptions } from './schema';

void schemaCommand(schemaOptions, join(__dirname, '../../schema.graphql'));
