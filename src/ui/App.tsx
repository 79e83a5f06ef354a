import { BackendPicker } from './components/BackendPicker';
import { ErrorAlert } from './components/ErrorAlert';
import { LabButton } from './lab/LabButton';
import { LabScreen } from './lab/LabScreen';
import { useLab } from './lab/useLab';
import { ScreenBoundary } from './components/ScreenBoundary';
import { Stepper } from './components/Stepper';
import { DataScreen } from './data/DataScreen';
import { EvaluateScreen } from './evaluate/EvaluateScreen';
import { ExportScreen } from './export/ExportScreen';
import { LessonPanel } from './lessons/LessonPanel';
import { LessonsMenu } from './lessons/LessonsMenu';
import { RunHistory } from './history/RunHistory';
import { MonitorScreen } from './monitor/MonitorScreen';
import { PrepareScreen } from './prepare/PrepareScreen';
import { ProblemScreen } from './problem/ProblemScreen';
import { TrainScreen } from './train/TrainScreen';
import { useStudio } from './useStudio';

const SCREENS = { data: DataScreen, problem: ProblemScreen, prepare: PrepareScreen, train: TrainScreen, evaluate: EvaluateScreen, export: ExportScreen, monitor: MonitorScreen };

/** The studio shell: header, lifecycle stepper, errors, and the current screen. */
export function App() {
  const step = useStudio((s) => s.step);
  const Screen = SCREENS[step];
  const labOpen = useLab((s) => s.open);
  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <svg className="logo" viewBox="0 0 32 32" width="36" height="36" aria-hidden>
            <path d="M16 29V15" stroke="#2f8f5b" strokeWidth="2.5" strokeLinecap="round" />
            <path d="M16 17C16 10 11 6 4 6c0 7 5 11 12 11Z" fill="#3fae6f" />
            <path d="M16 14c0-6 4-10 12-10 0 7-4 10-12 10Z" fill="#2f8f5b" />
          </svg>
          <div>
            <h1>Sapling</h1>
            <p className="tagline">Machine learning in your browser. Your data never leaves this page.</p>
          </div>
        </div>
        <BackendPicker />
        <LabButton />
        <RunHistory />
        <LessonsMenu />
      </header>
      <LessonPanel />
      {labOpen ? null : <Stepper />}
      <ErrorAlert />
      {/* The main landmark holds the tab panel: role="tabpanel" on <main> itself would hide the landmark. */}
      <main className="screen">
        {labOpen ? (
          <ScreenBoundary name="Learn by doing">
            <LabScreen />
          </ScreenBoundary>
        ) : (
          <div role="tabpanel" id={`panel-${step}`} aria-labelledby={`tab-${step}`}>
            <ScreenBoundary key={step} name={step[0].toUpperCase() + step.slice(1)}>
              <Screen />
            </ScreenBoundary>
          </div>
        )}
      </main>
      <footer className="foot">
        Sample data: Iris (R. A. Fisher, 1936; public domain) and Palmer Penguins (Gorman, Williams &amp; Fraser, 2014; CC0).
      </footer>
    </div>
  );
}
