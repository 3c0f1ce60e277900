/**
 * Play / pause, step one, reset, speed, the step counter and a timeline scrubber. The counter and
 * the scrubber follow the animation through `appStore.subscribe` (no React render per frame).
 */
import { useEffect, useId, useRef } from 'react';
import { Icon } from '../ui/Icon';
import { useT } from '../../i18n';
import {
  appStore,
  resetPlayback,
  setSpeed,
  setStep,
  SPEED_MAX,
  SPEED_MIN,
  stepOnce,
  togglePlay,
  useApp,
} from '../../state/store';
import { Slider } from './Slider';

export function PlaybackBar() {
  const t = useT();
  const playing = useApp((s) => s.playback.playing);
  const speed = useApp((s) => s.playback.speed);
  const steps = useApp((s) => s.scene.steps);
  const counterRef = useRef<HTMLOutputElement>(null);
  const timelineRef = useRef<HTMLInputElement>(null);
  const timelineId = useId();

  useEffect(() => {
    const paint = (step: number, total: number) => {
      if (counterRef.current) counterRef.current.textContent = `${step} / ${total}`;
      if (timelineRef.current) {
        if (timelineRef.current.max !== String(total)) timelineRef.current.max = String(total);
        timelineRef.current.value = String(step);
        timelineRef.current.setAttribute('aria-valuetext', `${step} / ${total}`);
      }
    };
    const s = appStore.getState();
    paint(s.playback.step, s.scene.steps);
    return appStore.subscribe((st, prev) => {
      if (st.playback.step !== prev.playback.step || st.scene.steps !== prev.scene.steps) paint(st.playback.step, st.scene.steps);
    });
  }, []);

  return (
    <div className="playback" role="group" aria-label={t('playback.label')}>
      <div className="playback-buttons">
        <button
          type="button"
          className="btn btn-primary btn-play"
          onClick={togglePlay}
          aria-pressed={playing}
          aria-label={playing ? t('playback.pause') : t('playback.play')}
          aria-keyshortcuts="Space"
        >
          <Icon name={playing ? 'pause' : 'play'} /> <span className="btn-text">{playing ? t('playback.pause') : t('playback.play')}</span>
        </button>
        <button type="button" className="btn" onClick={stepOnce} aria-label={t('playback.step')} aria-keyshortcuts="ArrowRight">
          <Icon name="step" /> <span className="btn-text">{t('playback.step')}</span>
        </button>
        <button type="button" className="btn" onClick={resetPlayback} aria-label={t('playback.reset')} aria-keyshortcuts="R">
          <Icon name="reset" /> <span className="btn-text">{t('playback.reset')}</span>
        </button>
        <span className="step-counter">
          {t('playback.step.counter')} <output ref={counterRef} aria-live="off" className="step-counter-value" />
        </span>
      </div>
      <div className="playback-sliders">
        <div className="timeline">
          <label htmlFor={timelineId} className="slider-label">
            {t('playback.timeline')}
          </label>
          <input
            id={timelineId}
            ref={timelineRef}
            type="range"
            min={0}
            max={steps}
            step={1}
            defaultValue={0}
            onChange={(e) => setStep(Number(e.currentTarget.value))}
          />
        </div>
        <Slider
          className="speed"
          label={t('playback.speed')}
          value={speed}
          min={SPEED_MIN}
          max={SPEED_MAX}
          scale="log"
          integer
          onChange={setSpeed}
        />
      </div>
    </div>
  );
}
