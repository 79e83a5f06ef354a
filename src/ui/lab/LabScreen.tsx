import { useEffect, useRef } from 'react';
import { closeLab } from '../../state/labActions';
import { isGridEnv } from '../../workers/rlProtocol';
import { AgentCard } from './AgentCard';
import { ControlCard } from './ControlCard';
import { EpisodeCharts } from './EpisodeCharts';
import { GridViews } from './GridViews';
import { LabSettings } from './LabSettings';
import { useLab } from './useLab';

/**
 * The *Learn by doing* lab (issue 17): pick a world and an algorithm, train it in a worker while
 * the charts and the world update, compare what was learned with the exact answer, watch the agent
 * play, and save or load it.
 */
export function LabScreen() {
  const heading = useRef<HTMLHeadingElement>(null);
  const env = useLab((s) => s.env);
  const picture = useLab((s) => s.picture);
  const training = useLab((s) => s.training);
  const curve = useLab((s) => s.curve);
  const frame = useLab((s) => s.frame);
  const rollout = useLab((s) => s.rollout.result ?? null);
  const outcome = training.result ?? null;
  useEffect(() => heading.current?.focus(), []);
  const grid = isGridEnv(env.id);
  return (
    <section className="lab" aria-labelledby="lab-title">
      <div className="lab-head">
        <div>
          <h2 id="lab-title" ref={heading} tabIndex={-1}>
            Learn by doing: reinforcement learning
          </h2>
          <p className="lede">An agent learns by trying moves and collecting rewards. Pick a world and a way of learning, press Train, and watch what it learns.</p>
        </div>
        <button type="button" onClick={closeLab}>
          Back to the studio
        </button>
      </div>
      <div className="lab-layout">
        <div className="lab-side">
          <LabSettings />
          <AgentCard />
        </div>
        <div className="lab-views">
          {grid ? <GridViews picture={picture} outcome={outcome?.kind === 'grid' ? outcome : null} rollout={rollout} /> : <ControlCard envId={env.id} frame={frame} training={training.state === 'running'} rollout={rollout} note={outcome?.kind === 'control' ? outcome.note : undefined} />}
          {curve.length ? (
            <section className="card" aria-labelledby="lab-curve-title">
              <h3 id="lab-curve-title">Learning, episode by episode</h3>
              <EpisodeCharts curve={curve} returnLabel={grid ? 'Reward per episode' : 'Return per episode'} />
            </section>
          ) : null}
        </div>
      </div>
    </section>
  );
}
