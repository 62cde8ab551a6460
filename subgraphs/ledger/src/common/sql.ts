// The raw-SQL helpers every subgraph uses live in the kit (bind parameters, prepared
// statements); the ledger imports them under the names it has always used.
export {
  likePattern,
  pgError,
  queryOne,
  query,
  toDate,
  valuesList,
  type SqlValue,
} from '@saldo/kit';
