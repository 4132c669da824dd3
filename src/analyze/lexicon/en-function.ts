import { wordSet } from './groups.ts';

/** "n't" is split off by the tokenizer and arrives as "not". */
export const EN_NEGATORS = wordSet(`not no never nor none nobody nothing without cannot cant dont doesnt didnt
  isnt wasnt arent werent wont wouldnt shouldnt couldnt hasnt havent hadnt aint neither`);

export const EN_INTENSIFIERS = wordSet(`very really so extremely totally absolutely completely utterly
  incredibly highly truly seriously ridiculously insanely most such quite deeply especially
  particularly thoroughly way mega`);
export const EN_DOWNTONERS = wordSet(`barely slightly somewhat kinda sorta fairly rather little bit mildly
  hardly almost partly marginally`);

export const EN_CONTRAST = wordSet('but however yet though nevertheless nonetheless except');
/** After these the clause weighs less: they concede rather than conclude. */
export const EN_CONCESSIVE = wordSet('although despite whereas albeit');
/** Downtoners that also deny a positive word: "barely works" is a complaint. */
export const EN_DENYING_DOWNTONERS = wordSet('barely hardly rarely scarcely');

/**
 * Expletives that, right before a scored word, only intensify it: "so fucking
 * excited" is praise, "bloody awful" a complaint. Alone they keep their weight.
 */
export const EN_EXPLETIVES = wordSet(`fucking fuckin freaking freakin frickin effing damn damned bloody
  goddamn goddamned`);
