// @vitest-environment jsdom
/**
 * Sliders land on round values (issue 17): a log slider's stops are 1, 2, 5 of every decade; an
 * averaging factor's slider is a 1 − β scale with 0.9, 0.99 and 0.999 marked; typed values stay
 * exact (and the slider shows the nearest stop).
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { nearestStop, roundStops, Slider, sliderStops, type SliderScale } from '../../src/components/controls/Slider';

afterEach(cleanup);

function Harness(props: { initial: number; min: number; max: number; scale: SliderScale; seen: number[] }) {
  const [v, setV] = useState(props.initial);
  return (
    <Slider
      label="x"
      value={v}
      min={props.min}
      max={props.max}
      scale={props.scale}
      isValid={(n) => n > 0 && n < 1e6}
      onChange={(n) => {
        props.seen.push(n);
        setV(n);
      }}
    />
  );
}

describe('round slider stops', () => {
  it('1–2–5 a decade for a learning rate, exact decimals', () => {
    expect(roundStops(1e-5, 10)).toEqual([1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]);
    expect(roundStops(1e-3, 2)).toEqual([0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2]);
    // Ends that are not round stay as ends.
    expect(roundStops(10, 10000).slice(0, 3)).toEqual([10, 20, 50]);
    expect(sliderStops(1, 256, 'log', true)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 256]);
  });

  it('1 − β for averaging factors: 0.9, 0.99, 0.999 evenly spaced', () => {
    const stops = sliderStops(0, 0.999, 'beta')!;
    expect(stops).toEqual([0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999]);
    expect(stops.indexOf(0.99) - stops.indexOf(0.9)).toBe(stops.indexOf(0.999) - stops.indexOf(0.99));
    expect(sliderStops(0.5, 0.9999, 'beta')).toEqual([0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9998, 0.9999]);
    expect(nearestStop(stops, 0.97, 'beta')).toBe(stops.indexOf(0.98));
  });

  it('arrow keys move one stop; typing keeps the exact value and the slider shows the nearest stop', () => {
    const seen: number[] = [];
    render(<Harness initial={0.001} min={1e-5} max={10} scale="log" seen={seen} />);
    const range = screen.getByRole('slider', { name: 'x' });
    expect(range).toHaveValue('6');
    fireEvent.change(range, { target: { value: '7' } });
    expect(seen).toEqual([0.002]);
    const box = screen.getByRole('spinbutton');
    fireEvent.change(box, { target: { value: '0.0123' } });
    expect(seen.at(-1)).toBe(0.0123);
    expect(range).toHaveValue('9'); // 0.01, the nearest stop on the log axis
    expect(range).toHaveAttribute('aria-valuetext', '0.0123');
  });

  it('the 1 − β slider marks 0.9, 0.99 and 0.999 under its track', () => {
    render(<Harness initial={0.9} min={0} max={0.999} scale="beta" seen={[]} />);
    const ticks = document.querySelector('.slider-ticks')!;
    expect([...ticks.querySelectorAll('span')].map((s) => s.textContent)).toEqual(['0.9', '0.99', '0.999']);
    expect([...document.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['3', '6', '9']);
  });
});
