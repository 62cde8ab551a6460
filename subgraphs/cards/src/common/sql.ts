// The raw-SQL helpers every subgraph uses live in the kit (bind parameters, prepared
// statements); cards imports them under the names it has always used.
export { queryOne, query, toDate, toMinor, valuesList, type SqlValue } from '@saldo/kit';
