import { agentFileName, loadAgent, runAgent } from '../../state/labActions';
import { FilePicker } from '../components/FilePicker';
import { downloadBlob } from '../download';
import { useLab } from './useLab';

/** Save agent, Load agent and Run without learning, with where the shown agent came from. */
export function AgentCard() {
  const outcome = useLab((s) => s.training.result);
  const from = useLab((s) => s.agentFrom);
  const running = useLab((s) => s.training.state === 'running');
  const loadError = useLab((s) => s.loadError);
  const rolling = useLab((s) => s.rollout.state === 'running');
  const save = () => {
    if (outcome) downloadBlob(agentFileName(outcome), new Blob([outcome.agentJson], { type: 'application/json' }));
  };
  return (
    <section className="card lab-agent-card" aria-labelledby="lab-agent-title">
      <h3 id="lab-agent-title">Agent</h3>
      <p className="small muted">{outcome && from ? `The agent shown was ${from === 'trained here' ? 'trained here' : `loaded from ${from}`}.` : 'Train or solve, or load an agent file, to get an agent.'}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void runAgent(Date.now() % 100000)} disabled={!outcome || running || rolling}>
          Run without learning
        </button>
        <button type="button" onClick={save} disabled={!outcome || running}>
          Save agent
        </button>
      </div>
      <FilePicker label="Load agent" accept=".json,application/json" hint="An agent file saved from the lab or by `sapling rl --out`." onFile={(f) => void loadAgent(f)} disabled={running} />
      {loadError ? (
        <p className="error-text" role="alert">
          {loadError}
        </p>
      ) : null}
    </section>
  );
}
