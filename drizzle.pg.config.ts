import { defineConfig } from 'drizzle-kit';

// PostgreSQL schema; generating needs no database. Strip `"public".` from the generated
// SQL: the migrations must also apply under another search_path.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema-pg.ts',
  out: './src/store/migrations-pg',
});
