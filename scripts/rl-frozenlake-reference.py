#!/usr/bin/env python3
"""Independent reference for Sapling's value iteration on FrozenLake 4x4, slippery, gamma 0.99.

Builds the transition model P[s][a] the way Gymnasium's frozen_lake.py does (default 4x4 map,
actions 0 left, 1 down, 2 right, 3 up; slippery: the intended move and each perpendicular one with
probability 1/3; reward 1 on entering G; entering H or G ends the episode) with NumPy, and solves the
Bellman optimality equation EXACTLY by policy iteration with linear solves (v = (I - gamma P_pi)^-1 r_pi),
a different method from the sweeps Sapling runs. Prints the optimal values (states row by row) and
the greedy policy; src/core/rl/rl.test.ts embeds them.

Usage: /usr/bin/python3 scripts/rl-frozenlake-reference.py   (needs only NumPy: apt-get install -y python3-numpy)
"""
import numpy as np

MAP = ["SFFF", "FHFH", "FFFH", "HFFG"]
GAMMA = 0.99
nrow, ncol = len(MAP), len(MAP[0])
nS, nA = nrow * ncol, 4
desc = np.asarray([list(r) for r in MAP])


def inc(row, col, a):
    # gymnasium FrozenLakeEnv.inc
    if a == 0:
        col = max(col - 1, 0)
    elif a == 1:
        row = min(row + 1, nrow - 1)
    elif a == 2:
        col = min(col + 1, ncol - 1)
    elif a == 3:
        row = max(row - 1, 0)
    return row, col


# T[s, a, s'] probabilities of a non-terminal landing, R[s, a] expected reward.
T = np.zeros((nS, nA, nS))
R = np.zeros((nS, nA))
for row in range(nrow):
    for col in range(ncol):
        s = row * ncol + col
        if desc[row, col] in "GH":
            continue  # absorbing: value 0
        for a in range(nA):
            for b in [(a - 1) % 4, a, (a + 1) % 4]:
                r2, c2 = inc(row, col, b)
                s2 = r2 * ncol + c2
                letter = desc[r2, c2]
                R[s, a] += (1 / 3) * float(letter == "G")
                if letter not in "GH":
                    T[s, a, s2] += 1 / 3

policy = np.zeros(nS, dtype=int)
while True:
    P_pi = T[np.arange(nS), policy]
    r_pi = R[np.arange(nS), policy]
    v = np.linalg.solve(np.eye(nS) - GAMMA * P_pi, r_pi)
    Q = R + GAMMA * T @ v
    best = Q.max(axis=1)
    new_policy = policy.copy()
    for s in range(nS):
        # change only for a strictly better action (ties keep the old one, so it cannot cycle)
        if best[s] > Q[s, policy[s]] + 1e-12:
            new_policy[s] = int(np.argmax(Q[s] >= best[s] - 1e-12))
    if (new_policy == policy).all():
        break
    policy = new_policy

greedy = [int(np.argmax(Q[s] >= Q[s].max() - 1e-9)) for s in range(nS)]
print("values =", "[" + ", ".join(f"{x:.12f}" for x in v) + "]")
print("policy =", greedy)
