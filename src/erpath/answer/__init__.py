"""One person's answer: the determination built from the rules' values (`screen`), its
counterfactuals, and the words of its reasons and next steps in each language (`wording`)."""
