import { Migration } from '@mikro-orm/migrations';

/**
 * Seven more default categories (subscriptions, travel, personal care, pets, gifts and
 * donations, investments, transfers) for the users who have the defaults already, in the
 * language of their existing ones (the salary default's name tells it); a name the user
 * already has is left alone. Then every category, old and new, is announced once as
 * `ledger.category.created` through the outbox (the ledger did not publish categories
 * before; the ai subgraph maps its built-in merchants to them).
 */
export const BACKFILL_DEFAULTS_SQL = `
      insert into categories (id, user_id, name, kind, icon, default_key)
      select gen_random_uuid(), u.user_id,
             case u.lang when 'pt' then d.pt when 'es' then d.es else d.en end,
             'EXPENSE', d.icon, d.key
      from (select user_id,
                   case name when 'Salário' then 'pt' when 'Salario' then 'es' else 'en' end as lang
            from categories where default_key = 'salary') u
      cross join (values
        ('subscriptions', 'repeat', 'Assinaturas', 'Subscriptions', 'Suscripciones'),
        ('travel', 'map', 'Viagens', 'Travel', 'Viajes'),
        ('personal-care', 'scissors', 'Cuidados pessoais', 'Personal care', 'Cuidado personal'),
        ('pets', 'heart', 'Pets', 'Pets', 'Mascotas'),
        ('gifts-donations', 'gift', 'Presentes e doações', 'Gifts and donations',
         'Regalos y donaciones'),
        ('investments', 'bar-chart-2', 'Investimentos', 'Investments', 'Inversiones'),
        ('transfers', 'repeat', 'Transferências', 'Transfers', 'Transferencias')
      ) as d(key, icon, pt, en, es)
      on conflict do nothing`;

/** The kit's envelope (version 1), as createEnvelope builds it. */
export const ANNOUNCE_CATEGORIES_SQL = `
      insert into kit_outbox (id, subject, user_id, envelope)
      select c.eid, 'ledger.category.created', c.user_id,
             json_build_object(
               'id', c.eid,
               'type', 'ledger.category.created',
               'version', 1,
               'occurredAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'userId', c.user_id,
               'data', json_build_object('category', json_build_object(
                 'id', c.id, 'userId', c.user_id, 'name', c.name, 'kind', c.kind,
                 'parentId', c.parent_id, 'archived', c.archived, 'defaultKey', c.default_key))
             )::text
      from (select gen_random_uuid() as eid, * from categories) c`;

export class LedgerMoreDefaultCategories extends Migration {
  override async up(): Promise<void> {
    this.addSql(BACKFILL_DEFAULTS_SQL);
    this.addSql(ANNOUNCE_CATEGORIES_SQL);
  }
}
