import type { WeightGroups } from './groups.ts';

/**
 * Emoji weights on top of the emoji list built into `sentiment` (which lacks
 * newer emoji and reads 😭 as mostly sad, while tweets use it for joy too).
 */
export const EMOJI: WeightGroups = [
  [-4, '🤬 🤮'],
  [-3, '😡 😠 👎 🤢 😤'],
  [-2, '😒 🙄 😞 😔 😢 😩 😫 😖 😣 😰 🤦 🤡 ☹ 🙁 😓 😾 😿 💩 🖕 😨 😧 😦 😟 🥵'],
  [-1, '😕 😑 😐 😪 😬 🤯 😱 😭 🥴 🤨 😶 💔'],
  // A deadpan face (`sentiment` has it at +2): as often a joke as a sneer.
  [0, '🗿'],
  [1, '😏 😅 🙂 🌸 ⭐ 🌟 ✅ 🤤 🌷 🌹 🌞 ☀ 🤧 😳'],
  [2, '😂 🤣 😁 😄 😃 😀 😉 😎 👍 👏 💪 🙌 👌 🤝 😇 😌 🔥 🖤 💯 🙏 😆 😹 😺 💐 🥺 ✨ 🤲 ✊'],
  [3, '❤ ♥ 🥰 😍 🤩 🥳 🤗 😊 ☺ 💕 💖 💗 💓 💞 💘 💜 💙 💚 💛 🧡 🤍 ❣ 😘 😻 😋 🎉 🎊 💝 😙 😚 ♡'],
];

/** Emoticons become these keys; Russian tweets smile with bare ")))" and frown with "(((". */
export const EMOTICON_KEYS = {
  smile: '<smile>',
  laugh: '<laugh>',
  sad: '<sad>',
  heart: '<heart>',
  skeptic: '<skeptic>',
} as const;

export const EMOTICON_WEIGHTS: Record<string, number> = {
  '<smile>': 2,
  '<laugh>': 2,
  '<sad>': -3,
  '<heart>': 3,
  '<skeptic>': -1,
};
