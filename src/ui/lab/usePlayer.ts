import { useEffect, useState } from 'react';

/** The player's speeds, in moves per second (the slider's stops). */
export const SPEEDS = [1, 2, 4, 8, 15, 30, 60] as const;

/** Playback of an episode of `length` frames: the frame shown, Play/Pause, Step, Restart and the speed. */
export function usePlayer(length: number, key: unknown) {
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(2);
  const [seen, setSeen] = useState<unknown>(key);
  // A new episode starts from its first frame and plays (state adjusted while rendering, as React's docs advise over an effect).
  if (seen !== key) {
    setSeen(key);
    setIndex(0);
    setPlaying(length > 1);
  }
  useEffect(() => {
    if (!playing) return undefined;
    const timer = setInterval(() => {
      setIndex((i) => {
        if (i + 1 >= length) {
          setPlaying(false);
          return i;
        }
        return i + 1;
      });
    }, 1000 / SPEEDS[speed]);
    return () => clearInterval(timer);
  }, [playing, speed, length]);
  const atEnd = index >= length - 1;
  return {
    index: Math.min(index, Math.max(0, length - 1)),
    playing,
    speed,
    atEnd,
    setSpeed,
    play: () => {
      if (atEnd) setIndex(0);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    step: () => {
      setPlaying(false);
      setIndex((i) => Math.min(i + 1, length - 1));
    },
  };
}
