import type { Lesson } from './types';

/**
 * Lesson 7, the *Learn by doing* lab (helper rl-studio's screen, src/ui/lab): written against the
 * accessible names of its e2e page object (e2e/pages/Lab.ts). The lab keeps its own store, so
 * every wait here is read off the page (`shown`, `chosen`, `click`), not off the studio's state.
 */
export const labLesson: Lesson = {
  id: 'rl-lab',
  title: 'Learning by doing: reinforcement learning',
  summary: 'An agent learns to cross a frozen lake by trial and error; compare it with the exact answer.',
  steps: [
    {
      title: 'Open the lab',
      control: { role: 'button', name: 'Learn by doing' },
      note: 'Press “Learn by doing” in the header.',
      wait: { kind: 'shown', control: { role: 'heading', name: 'Learn by doing: reinforcement learning' } },
      explain: 'Here nobody gives the answers: an agent tries moves in a world and collects rewards. It has to find out for itself which moves pay off in the end.',
    },
    {
      title: 'The frozen lake',
      control: { role: 'radio', name: 'FrozenLake 4×4' },
      note: 'Choose the FrozenLake 4×4 world.',
      wait: { kind: 'chosen' },
      explain: 'The agent starts at S and must reach the goal G without falling into a hole H. The ice is slippery: a move goes where it was meant only one time in three.',
    },
    {
      title: 'The exact answer first',
      control: { role: 'combobox', name: 'Algorithm' },
      note: 'Choose “Value iteration” as the Algorithm.',
      wait: { kind: 'chosen', option: 'Value iteration' },
      explain: 'Value iteration does not play at all: it reads the rules of the lake (where each move can slide to) and computes how good every cell is. It is the exact answer a learner can be compared with.',
    },
    {
      title: 'Solve',
      control: { role: 'button', name: 'Solve' },
      note: 'Press Solve.',
      wait: { kind: 'shown', control: { role: 'status', name: 'Solved.' } },
      explain: 'Each cell is coloured by its value: the chance of reaching the goal from there when moving as well as possible. The arrows are the best move in each cell.',
    },
    {
      title: 'Read the values',
      control: { role: 'region', name: 'Exact values and best moves' },
      note: 'Look at the values and the arrows.',
      wait: { kind: 'read' },
      explain: 'Some arrows point away from the goal: on slippery ice the safest move is one that cannot slide into a hole. Values are discounted (a reward later counts a little less), so the start’s value of about 0.54 stands for reaching the goal about three times in four.',
    },
    {
      title: 'Now learn by trying',
      control: { role: 'combobox', name: 'Algorithm' },
      note: 'Choose “Q-learning” as the Algorithm.',
      wait: { kind: 'chosen', option: 'Q-learning' },
      explain: 'Q-learning is not told the rules. It plays thousands of games, and after every move nudges its estimate of how good that move was towards the reward plus what it expects next.',
    },
    {
      title: 'Train',
      control: { role: 'button', name: 'Train' },
      note: 'Press Train and watch the games go by.',
      wait: { kind: 'shown', control: { role: 'status', name: 'Trained.' } },
      explain: 'The charts show the reward of each game: at first the agent wanders and falls in, then it reaches the goal more and more often. ε, its share of random moves, falls as it learns.',
    },
    {
      title: 'Learned against exact',
      control: { role: 'region', name: 'What the agent learned, beside the exact answer' },
      note: 'Compare what the agent learned with the exact answer.',
      wait: { kind: 'read' },
      explain: 'The learned values come close to the exact ones, and most arrows agree, from trying alone. Where they differ, the agent rarely visited those cells.',
    },
    {
      title: 'Watch it play',
      control: { role: 'button', name: 'Run without learning' },
      note: 'Press “Run without learning” to watch the agent play.',
      wait: { kind: 'shown', control: { role: 'group', name: 'Play the agent', prefix: true } },
      explain: 'Now the agent only follows its best moves and learns nothing more. Step through the game with Step, or change the speed; on slippery ice it still slides now and then.',
    },
    {
      title: 'Back to the studio',
      control: { role: 'button', name: 'Back to the studio' },
      note: 'Press “Back to the studio” to return to the lifecycle.',
      wait: { kind: 'shown', control: { role: 'tab', name: 'Data' } },
      explain: 'That was reinforcement learning, the third kind of model beside learning with a target and without one. The lab also has a cliff walk, a grid you draw yourself, and a cart balancing a pole with a deep Q-network.',
    },
  ],
};
