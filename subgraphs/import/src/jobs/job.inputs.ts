import { Field, ID, InputType, Int } from 'type-graphql';
import { ImportFormat } from './job.types';

@InputType('CsvMappingInput', {
  description: 'Header names, or 0-based column indexes written as digits.',
})
export class CsvMappingInput {
  @Field(() => String)
  date!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: 'One signed amount column.' })
  amount?: string | null;

  @Field(() => String, { nullable: true, description: 'Or separate debit and credit columns.' })
  debit?: string | null;

  @Field(() => String, { nullable: true })
  credit?: string | null;

  @Field(() => String, { nullable: true })
  payee?: string | null;

  @Field(() => String, { nullable: true, description: "The bank's transaction id." })
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: 'A D/C column for unsigned amounts.' })
  direction?: string | null;
}

@InputType('CsvImportInput', { description: 'Everything omitted is detected from the file.' })
export class CsvImportInput {
  @Field(() => String, {
    nullable: true,
    description: 'nubank, nubank-card, inter, itau or generic.',
  })
  preset?: string | null;

  @Field(() => CsvMappingInput, { nullable: true })
  mapping?: CsvMappingInput | null;

  @Field(() => String, { nullable: true, description: 'A mapping saved with saveCsvMapping.' })
  mappingName?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. dd/MM/yyyy, yyyy-MM-dd.' })
  dateFormat?: string | null;

  @Field(() => String, { nullable: true, description: '"." or ",".' })
  decimalSeparator?: string | null;

  @Field(() => String, { nullable: true, description: 'utf-8, windows-1252, iso-8859-1...' })
  encoding?: string | null;

  @Field(() => String, { nullable: true })
  delimiter?: string | null;

  @Field(() => Int, { nullable: true, description: 'Lines to skip before the header.' })
  skipRows?: number | null;
}

@InputType('StartImportInput')
export class StartImportInput {
  @Field(() => ID, { description: 'From POST /uploads.' })
  fileId!: string;

  @Field(() => ID, { nullable: true, description: 'The ledger account (bank statements).' })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The card (card statements).' })
  cardId?: string | null;

  @Field(() => ImportFormat, { nullable: true, description: 'Detected when omitted.' })
  format?: ImportFormat | null;

  @Field(() => String, {
    nullable: true,
    description: 'Which statement of a file with several (see ImportJob.statementAccounts).',
  })
  statementAccountId?: string | null;

  @Field(() => CsvImportInput, { nullable: true })
  csv?: CsvImportInput | null;
}

@InputType('ImportRowChangeInput')
export class ImportRowChangeInput {
  @Field(() => ID)
  rowId!: string;

  @Field(() => Boolean, { nullable: true })
  included?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'null clears it.' })
  categoryId?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType('ImportRowFilter')
export class ImportRowFilter {
  @Field(() => Boolean, { nullable: true })
  duplicate?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  included?: boolean | null;
}
