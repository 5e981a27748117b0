// The kiosk's voice: one gig at a time read aloud, slowly, in Mandarin, by the browser's speech
// synthesis. Where there is none, or no voice at all is installed, it says so instead of failing
// silently. The synthesis is passed in, so this module touches no browser global itself.

/** Slow, for older listeners. */
const RATE = 0.8;
/** Voices load late (Chrome lists none until 'voiceschanged'); still none after this, there are none. */
const VOICE_WAIT_MS = 1_500;
/** Errors that mean we stopped it ourselves, not that speaking failed. */
const STOPPED = new Set(['interrupted', 'canceled']);

const MANDARIN_CN = /^(zh|cmn)(-hans)?(-cn)?$/;
const CANTONESE = /^(yue|zh-(hk|mo)|zh-hant-(hk|mo))/;

/**
 * The voice to read with: a zh-CN one (installed before network ones), else another Mandarin one;
 * never Cantonese. Null when there is none: the utterance's lang (zh-CN) then lets the engine pick.
 */
export function chooseVoice(voices) {
  let best = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const voice of voices) {
    const lang = String(voice.lang ?? '')
      .replaceAll('_', '-')
      .toLowerCase();
    if (CANTONESE.test(lang) || !/^(zh|cmn)\b/.test(lang)) continue;
    const rank = (MANDARIN_CN.test(lang) ? 0 : 2) + (voice.localService ? 0 : 1);
    if (rank < bestRank) [best, bestRank] = [voice, rank];
  }
  return best;
}

/**
 * @param synthesis window.speechSynthesis (may be undefined)
 * @param Utterance window.SpeechSynthesisUtterance (may be undefined)
 * @param onChange (gigId or null) whenever what is being read changes
 * @param onProblem ('unsupported' | 'none' | 'failed') when a press cannot be read aloud
 */
export function createSpeaker({ synthesis, Utterance, onChange, onProblem, waitMs = VOICE_WAIT_MS }) {
  const supported = Boolean(synthesis && Utterance);
  const listVoices = () => {
    try {
      return Array.from(synthesis.getVoices() ?? []);
    } catch {
      return [];
    }
  };
  let voices = supported ? listVoices() : [];
  let known = !supported || voices.length > 0;
  const waiting = [];
  /** What is being read: { gigId, utterance }. */
  let current = null;
  /** Counts presses and stops, so a press still waiting for voices is dropped once overtaken. */
  let asks = 0;

  const settle = () => {
    voices = listVoices();
    known = true;
    for (const resume of waiting.splice(0)) resume();
  };
  if (supported) synthesis.addEventListener?.('voiceschanged', settle);
  if (!known) setTimeout(settle, waitMs);

  function stop() {
    asks += 1;
    if (!current) return;
    current = null;
    synthesis.cancel();
    onChange(null);
  }

  function speak(gigId, text) {
    synthesis.cancel();
    const utterance = new Utterance(text);
    utterance.lang = 'zh-CN';
    utterance.rate = RATE;
    const voice = chooseVoice(voices);
    if (voice) utterance.voice = voice;
    const finished = (event) => {
      if (current?.utterance !== utterance) return; // cancelled by us: already handled
      current = null;
      onChange(null);
      if (event?.type === 'error' && !STOPPED.has(event.error)) onProblem('failed');
    };
    utterance.onend = finished;
    utterance.onerror = finished;
    // Kept referenced until it ends: Chrome drops the events of an utterance that was collected.
    current = { gigId, utterance };
    onChange(gigId);
    try {
      synthesis.speak(utterance);
    } catch {
      finished({ type: 'error', error: 'synthesis-failed' });
    }
  }

  return {
    /** A press on a card's 朗读: reads it, or stops if it is the one being read. */
    async toggle(gigId, text) {
      if (current?.gigId === gigId) {
        stop();
        return;
      }
      stop();
      const ask = asks;
      if (!known) await new Promise((resume) => waiting.push(resume));
      if (ask !== asks) return;
      if (!supported) onProblem('unsupported');
      else if (voices.length === 0) onProblem('none');
      else speak(gigId, text);
    },
    stop,
    get speakingId() {
      return current?.gigId ?? null;
    },
  };
}
