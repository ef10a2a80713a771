/** An SQL string literal, for the few statements (DDL, trigger bodies) that cannot take bound parameters. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
