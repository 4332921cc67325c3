// Short-circuiting: the right side's await happens only when it is evaluated.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  const never = async (label: string) => {
    log.push(`evaluated ${label}`);
    return label;
  };
  log.push(`and ${false && (await never('and'))}`);
  log.push(`and2 ${(await later(true)) && (await later('rhs'))}`);
  log.push(`or ${'lhs' || (await never('or'))}`);
  log.push(`or2 ${(await later(0)) || (await later('fallback'))}`);
  const nul: string | null = await later(null);
  log.push(`nullish ${nul ?? (await later('default'))}`);
  log.push(`nullish2 ${'set' ?? (await never('nullish'))}`);
  for (const c of [true, false]) {
    log.push(`cond ${c ? await later(t('yes', 'Y')) : await later(t('no', 'N'))}`);
  }
  const mixed = (await later(1)) > 0 ? ((await later(0)) || t('inner or', 'io')) : await never('else');
  log.push(`mixed ${mixed}`);
  return 'done';
}
