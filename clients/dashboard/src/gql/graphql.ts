/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** CREDIT_CARD, LOAN and OTHER_LIABILITY are liabilities; the rest are assets. */
export type AccountType =
  | 'CASH'
  | 'CHECKING'
  | 'CREDIT_CARD'
  | 'INVESTMENT'
  | 'LOAN'
  | 'OTHER_ASSET'
  | 'OTHER_LIABILITY'
  | 'SAVINGS'
  | 'WALLET';

export type CreateAccountInput = {
  /** Defaults to true. */
  allowNegative?: boolean | null | undefined;
  color?: string | null | undefined;
  /** ISO 4217 code, e.g. "BRL". */
  currency: string;
  icon?: string | null | undefined;
  /** Defaults to "0"; may be negative. */
  initialBalance?: string | null | undefined;
  name: string;
  type: AccountType;
};

export type CreateEntryInput = {
  /** The account money enters (income) or leaves (expense, transfer). */
  accountId: string | number;
  /** Positive, in the account's currency. */
  amount: string;
  /** Income and expense only; of the same kind. */
  categoryId?: string | number | null | undefined;
  /** Defaults to today in your time zone. */
  date?: string | null | undefined;
  description?: string | null | undefined;
  /** Bills: defaults to date. */
  dueDate?: string | null | undefined;
  /** Your own id for it, unique per source. */
  externalId?: string | null | undefined;
  /** Retries with the same key and input return the first result; another input is CONFLICT. */
  idempotencyKey?: string | null | undefined;
  kind: EntryKind;
  notes?: string | null | undefined;
  /** Defaults to POSTED; PENDING for a bill. */
  status?: EntryStatus | null | undefined;
  tags?: Array<string> | null | undefined;
  /** Transfers: the destination account. */
  toAccountId?: string | number | null | undefined;
  /** Transfers between currencies: the amount that arrives, in the destination currency. */
  toAmount?: string | null | undefined;
};

export type EntryKind =
  | 'EXPENSE'
  | 'INCOME'
  | 'TRANSFER';

/** PENDING entries (bills, scheduled occurrences) do not move balances until posted. */
export type EntryStatus =
  | 'PENDING'
  | 'POSTED';

export type DashMoneyFragment = { amount: string, currency: string };

export type DashAccountFragment = { id: string, name: string, type: AccountType, currency: string, balance: { amount: string, currency: string } };

export type DashEntryFragment = { id: string, kind: EntryKind, status: EntryStatus, date: string, description: string, amount: { amount: string, currency: string }, account: { id: string, name: string } };

export type DashMeQueryVariables = Exact<{ [key: string]: never; }>;


export type DashMeQuery = { me: { id: string, email: string, name: string, timeZone: string, locale: string } };

export type DashOverviewQueryVariables = Exact<{
  first: number;
}>;


export type DashOverviewQuery = { accounts: Array<{ id: string, name: string, type: AccountType, currency: string, balance: { amount: string, currency: string } }>, entries: { edges: Array<{ node: { id: string, kind: EntryKind, status: EntryStatus, date: string, description: string, amount: { amount: string, currency: string }, account: { id: string, name: string } } }> } };

export type DashCreateAccountMutationVariables = Exact<{
  input: CreateAccountInput;
}>;


export type DashCreateAccountMutation = { createAccount: { id: string, name: string, type: AccountType, currency: string, balance: { amount: string, currency: string } } };

export type DashCreateEntryMutationVariables = Exact<{
  input: CreateEntryInput;
}>;


export type DashCreateEntryMutation = { createEntry: { id: string, kind: EntryKind, status: EntryStatus, date: string, description: string, amount: { amount: string, currency: string }, account: { id: string, name: string } } };

export type DashBalanceChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashBalanceChangedSubscription = { balanceChanged: { accountId: string, entryId: string | null, balance: { amount: string, currency: string } } };

export const DashMoneyFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashMoney"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<DashMoneyFragment, unknown>;
export const DashAccountFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashAccount"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashMoney"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashMoney"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<DashAccountFragment, unknown>;
export const DashEntryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashEntry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashMoney"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashMoney"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<DashEntryFragment, unknown>;
export const DashMeDocument = {"__meta__":{"hash":"sha256:c8019efb3df41cc33f7cc5cfe78837dc3e309abc7bfba764e9c59e3a24114efb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}}]}}]}}]} as unknown as DocumentNode<DashMeQuery, DashMeQueryVariables>;
export const DashOverviewDocument = {"__meta__":{"hash":"sha256:c277bed038c7beb6dc540c8f9af312a673af0ed8b9897bf520866d05abcde0c4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashAccount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"EnumValue","value":"DATE_DESC"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashEntry"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashMoney"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashAccount"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashMoney"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashEntry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashMoney"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DashOverviewQuery, DashOverviewQueryVariables>;
export const DashCreateAccountDocument = {"__meta__":{"hash":"sha256:b6ac7269888266eba508f1b35edbc1776eea25ec41457ceee16762edb8e5eb82"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashCreateAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashAccount"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashMoney"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashAccount"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashMoney"}}]}}]}}]} as unknown as DocumentNode<DashCreateAccountMutation, DashCreateAccountMutationVariables>;
export const DashCreateEntryDocument = {"__meta__":{"hash":"sha256:24feafaff7b2de5a05aecd124dfaccbb8b9960762fdb85802ae43906e3e58538"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashCreateEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEntryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEntry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashEntry"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashMoney"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashEntry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashMoney"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DashCreateEntryMutation, DashCreateEntryMutationVariables>;
export const DashBalanceChangedDocument = {"__meta__":{"hash":"sha256:9d4f52b6963df4c67fb45914697a49d56a4e5f119c325585ce933bd7c45d5b0d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashBalanceChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"entryId"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashMoney"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashMoney"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<DashBalanceChangedSubscription, DashBalanceChangedSubscriptionVariables>;