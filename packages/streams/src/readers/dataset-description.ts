import type { Normalization } from '@zerosiam/core';

/** What a reader needs to know about a data set besides its bytes: names, classes and statistics. */
export interface DatasetDescription {
  /** Registry-style id, e.g. `fashion-mnist`. */
  readonly id: string;
  readonly numClasses: number;
  readonly classNames: readonly string[];
  /** Per-channel statistics of the training split, pixels in [0, 1]. */
  readonly normalization: Normalization;
  /** [H, W, C] of one image. */
  readonly imageShape: readonly [number, number, number];
}

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** MNIST (LeCun et al.); mean/std are the usual training-split values 0.1307 / 0.3081. */
export const mnistDescription: DatasetDescription = Object.freeze({
  id: 'mnist',
  numClasses: 10,
  classNames: digits,
  normalization: Object.freeze({ mean: [0.1307], std: [0.3081] }),
  imageShape: [28, 28, 1] as const,
});

/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, Zalando Research, MIT licence). Mean/std were
 * measured on the 60,000 training images (0.28604 / 0.35302).
 */
export const fashionMnistDescription: DatasetDescription = Object.freeze({
  id: 'fashion-mnist',
  numClasses: 10,
  classNames: Object.freeze([
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ]),
  normalization: Object.freeze({ mean: [0.286], std: [0.353] }),
  imageShape: [28, 28, 1] as const,
});

/**
 * Kuzushiji-MNIST (Clanuwat et al. 2018), classes in label order (romanised hiragana).
 * Mean/std 0.1918 / 0.3483 are the values commonly quoted for the training split; we could not
 * re-measure them here (the data are not installed), so treat them as third-party numbers.
 */
export const kmnistDescription: DatasetDescription = Object.freeze({
  id: 'kmnist',
  numClasses: 10,
  classNames: Object.freeze(['o', 'ki', 'su', 'tsu', 'na', 'ha', 'ma', 'ya', 're', 'wo']),
  normalization: Object.freeze({ mean: [0.1918], std: [0.3483] }),
  imageShape: [28, 28, 1] as const,
});

/**
 * CIFAR-10 (Krizhevsky 2009). The std is the true per-channel pixel std of the training split
 * (0.2470, 0.2435, 0.2616), not the (0.2023, 0.1994, 0.2010) that many repositories copy.
 */
export const cifar10Description: DatasetDescription = Object.freeze({
  id: 'cifar10',
  numClasses: 10,
  classNames: Object.freeze([
    'airplane',
    'automobile',
    'bird',
    'cat',
    'deer',
    'dog',
    'frog',
    'horse',
    'ship',
    'truck',
  ]),
  normalization: Object.freeze({
    mean: [0.4914, 0.4822, 0.4465],
    std: [0.247, 0.2435, 0.2616],
  }),
  imageShape: [32, 32, 3] as const,
});

/** CIFAR-100 fine labels (alphabetical, as in the binary release's meta file). */
export const cifar100FineClassNames: readonly string[] = Object.freeze(
  (
    'apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl boy bridge bus butterfly camel can ' +
    'castle caterpillar cattle chair chimpanzee clock cloud cockroach couch crab crocodile cup dinosaur dolphin ' +
    'elephant flatfish forest fox girl hamster house kangaroo keyboard lamp lawn_mower leopard lion lizard lobster ' +
    'man maple_tree motorcycle mountain mouse mushroom oak_tree orange orchid otter palm_tree pear pickup_truck ' +
    'pine_tree plain plate poppy porcupine possum rabbit raccoon ray road rocket rose sea seal shark shrew skunk ' +
    'skyscraper snail snake spider squirrel streetcar sunflower sweet_pepper table tank telephone television tiger ' +
    'tractor train trout tulip turtle wardrobe whale willow_tree wolf woman worm'
  ).split(' '),
);

/** CIFAR-100 coarse labels (the 20 superclasses). */
export const cifar100CoarseClassNames: readonly string[] = Object.freeze(
  (
    'aquatic_mammals fish flowers food_containers fruit_and_vegetables household_electrical_devices ' +
    'household_furniture insects large_carnivores large_man-made_outdoor_things large_natural_outdoor_scenes ' +
    'large_omnivores_and_herbivores medium_mammals non-insect_invertebrates people reptiles small_mammals trees ' +
    'vehicles_1 vehicles_2'
  ).split(' '),
);

/** CIFAR-100 (Krizhevsky 2009), fine labels; training-split statistics. */
export const cifar100Description: DatasetDescription = Object.freeze({
  id: 'cifar100',
  numClasses: 100,
  classNames: cifar100FineClassNames,
  normalization: Object.freeze({
    mean: [0.5071, 0.4865, 0.4409],
    std: [0.2673, 0.2564, 0.2762],
  }),
  imageShape: [32, 32, 3] as const,
});

/**
 * ImageNet statistics. SAR/ZeroSiam apply these to every model, ViTs included (methods.md §2.1);
 * timm ViTs were trained with mean = std = 0.5, so pass a different normalisation to match them.
 */
export const imagenetNormalization = Object.freeze({
  mean: Object.freeze([0.485, 0.456, 0.406]),
  std: Object.freeze([0.229, 0.224, 0.225]),
});
