/**
 * The preset last opened from the gallery, so its teaching point and "try this next" prompt stay
 * on screen after the gallery closes (components/share/PresetNote.tsx), until dismissed or another
 * preset opens. Kept out of the app store: it is not part of the scene, a link or a run.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Preset } from '../share/presets';

const presetStore = createStore<{ preset: Preset | null }>()(() => ({ preset: null }));

export function setOpenedPreset(preset: Preset | null): void {
  presetStore.setState({ preset });
}

export function openedPreset(): Preset | null {
  return presetStore.getState().preset;
}

export function useOpenedPreset(): Preset | null {
  return useStore(presetStore, (s) => s.preset);
}
