import { wordSet } from './groups.ts';

/** Words that flip the sentiment of what follows within their clause. */
export const RU_NEGATORS = wordSet('не нет ни без никогда никак нисколько ничуть отнюдь нету');

/** Intensifiers multiply the next sentiment word, downtoners damp it. */
export const RU_INTENSIFIERS = wordSet(`очень совсем совершенно абсолютно полностью крайне
  так такой такая такое такие настолько самый самая самое самые реально дико
  безумно невероятно максимально просто прям прямо ваще вообще-то`);
export const RU_DOWNTONERS = wordSet(`чуть чуточку слегка немного немножко несколько довольно относительно
  почти едва еле вроде кажется типа частично местами отчасти`);

/** Contrast: the clause after these weighs more, the one before less. */
export const RU_CONTRAST = wordSet('но однако зато а впрочем');
/** After these the clause weighs less: they concede rather than conclude. */
export const RU_CONCESSIVE = wordSet('хотя хоть пусть несмотря');

/**
 * Forms whose stem collides with a sentiment stem of an unrelated word:
 * "любой" (any) with "любить", "бой" (battle) with "бояться", the name "Лена"
 * with "лень". They are kept as plain words, never stemmed.
 */
export const RU_PLAIN_FORMS = wordSet(`любой любая любое любые любого любому любым любых любом любую любою
  бой боя бои боем боях боев боёв боям бою лена лену лене леной лены ленка ленку ленке
  уродился уродилась уродились уродилось совет совета совету советом совете советы советов советам советами советах`);
