#!/usr/bin/env python3
"""Gymnasium's CartPole-v1 and MountainCar-v0 step functions in plain Python (gymnasium is not
installed here), copied from gymnasium/envs/classic_control/cartpole.py and mountain_car.py
(Gymnasium 1.0). It prints trajectories from fixed start states under fixed action sequences;
src/core/rl/envs/*.test.ts embed its output to check Sapling's environments step for step.

Run: /usr/bin/python3 scripts/rl-control-reference.py > src/core/rl/envs/control.reference.ts
"""
import json
import math
import struct


def f32(v):
    """Gymnasium returns observations as np.float32 while its state stays float64."""
    return struct.unpack('f', struct.pack('f', v))[0]


# --- CartPole-v1 ---------------------------------------------------------------------------
GRAVITY = 9.8
MASSCART = 1.0
MASSPOLE = 0.1
TOTAL_MASS = MASSPOLE + MASSCART
LENGTH = 0.5  # half the pole's length
POLEMASS_LENGTH = MASSPOLE * LENGTH
FORCE_MAG = 10.0
TAU = 0.02
THETA_THRESHOLD = 12 * 2 * math.pi / 360
X_THRESHOLD = 2.4


def cartpole_step(state, action):
    x, x_dot, theta, theta_dot = state
    force = FORCE_MAG if action == 1 else -FORCE_MAG
    costheta = math.cos(theta)
    sintheta = math.sin(theta)
    temp = (force + POLEMASS_LENGTH * theta_dot ** 2 * sintheta) / TOTAL_MASS
    thetaacc = (GRAVITY * sintheta - costheta * temp) / (
        LENGTH * (4.0 / 3.0 - MASSPOLE * costheta ** 2 / TOTAL_MASS)
    )
    xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS
    # kinematics_integrator == "euler" (the default)
    x = x + TAU * x_dot
    x_dot = x_dot + TAU * xacc
    theta = theta + TAU * theta_dot
    theta_dot = theta_dot + TAU * thetaacc
    state = (x, x_dot, theta, theta_dot)
    terminated = x < -X_THRESHOLD or x > X_THRESHOLD or theta < -THETA_THRESHOLD or theta > THETA_THRESHOLD
    return state, 1.0, terminated


def cartpole_trajectory(start, actions):
    state = start
    rows = []
    for a in actions:
        state, reward, terminated = cartpole_step(state, a)
        rows.append({'action': a, 'observation': [f32(v) for v in state], 'reward': reward, 'terminated': terminated})
        if terminated:
            break
    return rows


# --- MountainCar-v0 ------------------------------------------------------------------------
MIN_POSITION = -1.2
MAX_POSITION = 0.6
MAX_SPEED = 0.07
GOAL_POSITION = 0.5
GOAL_VELOCITY = 0.0
FORCE = 0.001
MC_GRAVITY = 0.0025


def mountaincar_step(state, action):
    position, velocity = state
    velocity += (action - 1) * FORCE + math.cos(3 * position) * (-MC_GRAVITY)
    velocity = min(max(velocity, -MAX_SPEED), MAX_SPEED)
    position += velocity
    position = min(max(position, MIN_POSITION), MAX_POSITION)
    if position == MIN_POSITION and velocity < 0:
        velocity = 0
    terminated = position >= GOAL_POSITION and velocity >= GOAL_VELOCITY
    return (position, velocity), -1.0, terminated


def mountaincar_trajectory(start, actions):
    state = start
    rows = []
    for a in actions:
        state, reward, terminated = mountaincar_step(state, a)
        rows.append({'action': a, 'observation': [f32(v) for v in state], 'reward': reward, 'terminated': terminated})
        if terminated:
            break
    return rows


def energy_pump(state, steps):
    """Push in the direction of motion: reaches the goal from the valley floor (exercises the goal and the left wall)."""
    actions = []
    s = state
    for _ in range(steps):
        a = 2 if s[1] >= 0 else 0
        actions.append(a)
        s, _, terminated = mountaincar_step(s, a)
        if terminated:
            break
    return actions


def compact(start, rows):
    return {
        'start': list(start),
        'actions': [r['action'] for r in rows],
        'observations': [r['observation'] for r in rows],
        'rewards': [r['reward'] for r in rows],
        'terminated': [r['terminated'] for r in rows],
    }


if __name__ == '__main__':
    starts = {
        'cartpoleAlternating': (0.01, -0.02, 0.03, 0.04),
        'cartpolePushRight': (0.0, 0.0, 0.0, 0.0),
        'cartpoleRunOffLeft': (-2.3, -0.5, 0.0, 0.0),
        'mountaincarLeftWall': (-1.1, -0.05),
        'mountaincarPump': (-0.5, 0.0),
    }
    out = {
        # right, left, ... from a tilted start: the pole wobbles but stays up for all 10 steps
        'cartpoleAlternating': compact(starts['cartpoleAlternating'], cartpole_trajectory(starts['cartpoleAlternating'], [1, 0] * 5)),
        # always right: the pole falls past 12 degrees
        'cartpolePushRight': compact(starts['cartpolePushRight'], cartpole_trajectory(starts['cartpolePushRight'], [1] * 40)),
        # near the left edge, moving left: the cart leaves the track
        'cartpoleRunOffLeft': compact(starts['cartpoleRunOffLeft'], cartpole_trajectory(starts['cartpoleRunOffLeft'], [0] * 40)),
        # hits the left wall, where the velocity is zeroed
        'mountaincarLeftWall': compact(starts['mountaincarLeftWall'], mountaincar_trajectory(starts['mountaincarLeftWall'], [0] * 6)),
        # pushes with its motion from the valley floor until it reaches the flag
        'mountaincarPump': compact(starts['mountaincarPump'], mountaincar_trajectory(starts['mountaincarPump'], energy_pump(starts['mountaincarPump'], 200))),
    }
    print('// Printed by scripts/rl-control-reference.py (Gymnasium 1.0\'s CartPole-v1 and MountainCar-v0 step')
    print('// functions in plain Python; run with /usr/bin/python3): fixed start states, fixed actions, and the')
    print('// observations Gymnasium returns (float32) after each step. Regenerate by running the script.')
    print('/** One trajectory: the state set before the first step, then per step its action and results. */')
    print('export interface ControlTrajectory { start: number[]; actions: number[]; observations: number[][]; rewards: number[]; terminated: boolean[] }')
    for key, value in out.items():
        print(f'export const {key}: ControlTrajectory = {json.dumps(value)};')
