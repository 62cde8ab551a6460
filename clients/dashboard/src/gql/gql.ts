/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  'fragment DashMoney on Money {\n  amount\n  currency\n}\n\nfragment DashAccount on Account {\n  id\n  name\n  type\n  currency\n  balance {\n    ...DashMoney\n  }\n}\n\nfragment DashEntry on Entry {\n  id\n  kind\n  status\n  date\n  description\n  amount {\n    ...DashMoney\n  }\n  account {\n    id\n    name\n  }\n}\n\nquery DashMe {\n  me {\n    id\n    email\n    name\n    timeZone\n    locale\n  }\n}\n\nquery DashOverview($first: Int!) {\n  accounts {\n    ...DashAccount\n  }\n  entries(first: $first, orderBy: DATE_DESC) {\n    edges {\n      node {\n        ...DashEntry\n      }\n    }\n  }\n}\n\nmutation DashCreateAccount($input: CreateAccountInput!) {\n  createAccount(input: $input) {\n    ...DashAccount\n  }\n}\n\nmutation DashCreateEntry($input: CreateEntryInput!) {\n  createEntry(input: $input) {\n    ...DashEntry\n  }\n}\n\nsubscription DashBalanceChanged {\n  balanceChanged {\n    accountId\n    entryId\n    balance {\n      ...DashMoney\n    }\n  }\n}': typeof types.DashMoneyFragmentDoc;
  'query InsightsScreen($month: String!, $locale: String) {\n  me {\n    id\n    timeZone\n  }\n  insights(month: $month, locale: $locale) {\n    id\n    type\n    title\n    message\n    date\n  }\n  recurringCharges {\n    id\n    description\n    interval\n    occurrences\n    nextExpectedDate\n    nextExpectedAmount {\n      amount\n      currency\n    }\n  }\n  balanceForecast(days: 30) {\n    balance {\n      amount\n      currency\n    }\n    lowest {\n      date\n      expected {\n        amount\n        currency\n      }\n    }\n    points {\n      date\n      expected {\n        amount\n        currency\n      }\n      low {\n        amount\n      }\n      high {\n        amount\n      }\n    }\n    items {\n      date\n      description\n      source\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n}\n\nmutation InsightsGenerateReport($month: String!, $locale: String) {\n  generateMonthlyReport(month: $month, locale: $locale) {\n    id\n    status\n  }\n}\n\nquery InsightsReport($id: ID!) {\n  monthlyReport(id: $id) {\n    id\n    status\n    text\n    model\n    failureReason\n    suggestions\n    net {\n      amount\n      currency\n    }\n  }\n}': typeof types.InsightsScreenDocument;
};
const documents: Documents = {
  'fragment DashMoney on Money {\n  amount\n  currency\n}\n\nfragment DashAccount on Account {\n  id\n  name\n  type\n  currency\n  balance {\n    ...DashMoney\n  }\n}\n\nfragment DashEntry on Entry {\n  id\n  kind\n  status\n  date\n  description\n  amount {\n    ...DashMoney\n  }\n  account {\n    id\n    name\n  }\n}\n\nquery DashMe {\n  me {\n    id\n    email\n    name\n    timeZone\n    locale\n  }\n}\n\nquery DashOverview($first: Int!) {\n  accounts {\n    ...DashAccount\n  }\n  entries(first: $first, orderBy: DATE_DESC) {\n    edges {\n      node {\n        ...DashEntry\n      }\n    }\n  }\n}\n\nmutation DashCreateAccount($input: CreateAccountInput!) {\n  createAccount(input: $input) {\n    ...DashAccount\n  }\n}\n\nmutation DashCreateEntry($input: CreateEntryInput!) {\n  createEntry(input: $input) {\n    ...DashEntry\n  }\n}\n\nsubscription DashBalanceChanged {\n  balanceChanged {\n    accountId\n    entryId\n    balance {\n      ...DashMoney\n    }\n  }\n}':
    types.DashMoneyFragmentDoc,
  'query InsightsScreen($month: String!, $locale: String) {\n  me {\n    id\n    timeZone\n  }\n  insights(month: $month, locale: $locale) {\n    id\n    type\n    title\n    message\n    date\n  }\n  recurringCharges {\n    id\n    description\n    interval\n    occurrences\n    nextExpectedDate\n    nextExpectedAmount {\n      amount\n      currency\n    }\n  }\n  balanceForecast(days: 30) {\n    balance {\n      amount\n      currency\n    }\n    lowest {\n      date\n      expected {\n        amount\n        currency\n      }\n    }\n    points {\n      date\n      expected {\n        amount\n        currency\n      }\n      low {\n        amount\n      }\n      high {\n        amount\n      }\n    }\n    items {\n      date\n      description\n      source\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n}\n\nmutation InsightsGenerateReport($month: String!, $locale: String) {\n  generateMonthlyReport(month: $month, locale: $locale) {\n    id\n    status\n  }\n}\n\nquery InsightsReport($id: ID!) {\n  monthlyReport(id: $id) {\n    id\n    status\n    text\n    model\n    failureReason\n    suggestions\n    net {\n      amount\n      currency\n    }\n  }\n}':
    types.InsightsScreenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'fragment DashMoney on Money {\n  amount\n  currency\n}\n\nfragment DashAccount on Account {\n  id\n  name\n  type\n  currency\n  balance {\n    ...DashMoney\n  }\n}\n\nfragment DashEntry on Entry {\n  id\n  kind\n  status\n  date\n  description\n  amount {\n    ...DashMoney\n  }\n  account {\n    id\n    name\n  }\n}\n\nquery DashMe {\n  me {\n    id\n    email\n    name\n    timeZone\n    locale\n  }\n}\n\nquery DashOverview($first: Int!) {\n  accounts {\n    ...DashAccount\n  }\n  entries(first: $first, orderBy: DATE_DESC) {\n    edges {\n      node {\n        ...DashEntry\n      }\n    }\n  }\n}\n\nmutation DashCreateAccount($input: CreateAccountInput!) {\n  createAccount(input: $input) {\n    ...DashAccount\n  }\n}\n\nmutation DashCreateEntry($input: CreateEntryInput!) {\n  createEntry(input: $input) {\n    ...DashEntry\n  }\n}\n\nsubscription DashBalanceChanged {\n  balanceChanged {\n    accountId\n    entryId\n    balance {\n      ...DashMoney\n    }\n  }\n}',
): (typeof documents)['fragment DashMoney on Money {\n  amount\n  currency\n}\n\nfragment DashAccount on Account {\n  id\n  name\n  type\n  currency\n  balance {\n    ...DashMoney\n  }\n}\n\nfragment DashEntry on Entry {\n  id\n  kind\n  status\n  date\n  description\n  amount {\n    ...DashMoney\n  }\n  account {\n    id\n    name\n  }\n}\n\nquery DashMe {\n  me {\n    id\n    email\n    name\n    timeZone\n    locale\n  }\n}\n\nquery DashOverview($first: Int!) {\n  accounts {\n    ...DashAccount\n  }\n  entries(first: $first, orderBy: DATE_DESC) {\n    edges {\n      node {\n        ...DashEntry\n      }\n    }\n  }\n}\n\nmutation DashCreateAccount($input: CreateAccountInput!) {\n  createAccount(input: $input) {\n    ...DashAccount\n  }\n}\n\nmutation DashCreateEntry($input: CreateEntryInput!) {\n  createEntry(input: $input) {\n    ...DashEntry\n  }\n}\n\nsubscription DashBalanceChanged {\n  balanceChanged {\n    accountId\n    entryId\n    balance {\n      ...DashMoney\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query InsightsScreen($month: String!, $locale: String) {\n  me {\n    id\n    timeZone\n  }\n  insights(month: $month, locale: $locale) {\n    id\n    type\n    title\n    message\n    date\n  }\n  recurringCharges {\n    id\n    description\n    interval\n    occurrences\n    nextExpectedDate\n    nextExpectedAmount {\n      amount\n      currency\n    }\n  }\n  balanceForecast(days: 30) {\n    balance {\n      amount\n      currency\n    }\n    lowest {\n      date\n      expected {\n        amount\n        currency\n      }\n    }\n    points {\n      date\n      expected {\n        amount\n        currency\n      }\n      low {\n        amount\n      }\n      high {\n        amount\n      }\n    }\n    items {\n      date\n      description\n      source\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n}\n\nmutation InsightsGenerateReport($month: String!, $locale: String) {\n  generateMonthlyReport(month: $month, locale: $locale) {\n    id\n    status\n  }\n}\n\nquery InsightsReport($id: ID!) {\n  monthlyReport(id: $id) {\n    id\n    status\n    text\n    model\n    failureReason\n    suggestions\n    net {\n      amount\n      currency\n    }\n  }\n}',
): (typeof documents)['query InsightsScreen($month: String!, $locale: String) {\n  me {\n    id\n    timeZone\n  }\n  insights(month: $month, locale: $locale) {\n    id\n    type\n    title\n    message\n    date\n  }\n  recurringCharges {\n    id\n    description\n    interval\n    occurrences\n    nextExpectedDate\n    nextExpectedAmount {\n      amount\n      currency\n    }\n  }\n  balanceForecast(days: 30) {\n    balance {\n      amount\n      currency\n    }\n    lowest {\n      date\n      expected {\n        amount\n        currency\n      }\n    }\n    points {\n      date\n      expected {\n        amount\n        currency\n      }\n      low {\n        amount\n      }\n      high {\n        amount\n      }\n    }\n    items {\n      date\n      description\n      source\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n}\n\nmutation InsightsGenerateReport($month: String!, $locale: String) {\n  generateMonthlyReport(month: $month, locale: $locale) {\n    id\n    status\n  }\n}\n\nquery InsightsReport($id: ID!) {\n  monthlyReport(id: $id) {\n    id\n    status\n    text\n    model\n    failureReason\n    suggestions\n    net {\n      amount\n      currency\n    }\n  }\n}'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
