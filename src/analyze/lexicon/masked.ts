import { wordSet } from './groups.ts';

/**
 * Obscenities and insults as people mask them ("б**ть", "п@здец", "с*ка",
 * "f**k"): resolve.ts matches a masked word against these full forms, a run of
 * n symbols standing for 1 to n + 3 letters, and reads the first that fits as
 * written out. Only words that are negative whatever the context: "пиздато"
 * and "заебись" (praise) are left out on purpose.
 */
export const MASKED_TARGETS: readonly string[] = [
  ...wordSet(`блять блядь бляди блядина бля сука суки суку сукой сучка сучара хуй хуя хуе хуем хую хуи
    хуйня хуйню хуево хуёво хуевый хуета хер херня херню хрен пиздец пизда пизды пизде пизду пиздеж
    пиздит пиздос ебать ебал ебала ебали ебаный ебаная ебаное ебаные ебанутый ебанутая ебанат ебло заебал
    заебала заебали заебало наебал наебали уебок уебище уебан долбоеб долбоебы говно говна говне говном
    говнище дерьмо дерьма мудак мудаки мудила мразь мрази тварь твари гандон гондон пидор пидорас пидорасы
    пидоры жопа жопу жопе срать сраный нахуй нахер похуй похер нихуя охуел охуели охуеть
    fuck fucking fucked fucker fucks shit shitty bullshit bitch bitches asshole crap damn`),
];
